# Moving a process by writing its PID to cgroup.procs: it shows in the
# cgroup's list and in /proc/PID/cgroup, the cgroup is populated (and
# rmdir says EBUSY), its children start there, and when it has gone the
# cgroup is empty again. The writes that fail: a PID nobody has (ESRCH),
# words and negative numbers (EINVAL). PIDs differ between the two sides:
# they are compared, not printed. The script's shell itself stays in the
# root cgroup.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-268
rmdir $c 2>/dev/null
mkdir $c
cat $c/cgroup.events
sleep 60 & p=$!
echo $p > $c/cgroup.procs; echo "move $?"
[ "$(cat $c/cgroup.procs)" = "$p" ] && echo "listed"
[ "$(cat $c/cgroup.threads)" = "$p" ] && echo "thread listed"
grep '^0::' /proc/$p/cgroup
grep '^0::' /proc/self/cgroup
cat $c/cgroup.events
rmdir $c; echo "rmdir busy $?"
echo 99999999 > $c/cgroup.procs; echo "no such pid $?"
echo abc > $c/cgroup.procs; echo "word $?"
echo -1 > $c/cgroup.procs; echo "negative $?"
echo " $p " > $c/cgroup.procs; echo "spaces $?"
sh -c "echo \$\$ > $c/cgroup.procs; grep '^0::' /proc/self/cgroup; sh -c \"grep '^0::' /proc/self/cgroup\""
kill $p; wait $p
cat $c/cgroup.events
cat $c/cgroup.procs
rmdir $c; echo "rmdir $?"
umount /mnt/cg
