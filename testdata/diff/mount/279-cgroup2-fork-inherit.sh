# A new process starts in its parent's cgroup: children, grandchildren
# and a subshell's commands of a shell moved into a cgroup all show it
# in /proc/self/cgroup, the cgroup counts them while they run, and
# cgroup.procs as read from a new PID namespace lists only those that
# namespace can see (the count of lines is compared).
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-279
rmdir $c/a $c 2>/dev/null
mkdir -p $c/a
sh -c '
c=$1
echo $$ > $c/a/cgroup.procs
grep "^0::" /proc/self/cgroup
(grep "^0::" /proc/self/cgroup)
sh -c "sh -c \"grep ^0:: /proc/self/cgroup\""
sleep 60 & s=$!
sleep 0.2
wc -l < $c/a/cgroup.procs
unshare -pf sh -c "cat $c/a/cgroup.procs"
echo $$ > /mnt/cg/cgroup.procs
grep "^0::" /proc/$s/cgroup
kill $s; wait $s
' sh $c
rmdir $c/a $c; echo "rmdir $?"
umount /mnt/cg
