# cgroup.kill: writing 1 kills every process in the cgroup and below
# (wait sees SIGKILL), after which it is unpopulated and can go; other
# numbers are ERANGE, words EINVAL, and reading it fails EINVAL (the file
# has no show method). Only processes the scenario started are there.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-272
rmdir $c/sub $c 2>/dev/null
mkdir -p $c/sub
stat -c '%A' $c/cgroup.kill
echo 1 > $c/cgroup.kill; echo "empty $?"
echo 2 > $c/cgroup.kill; echo "two $?"
echo yes > $c/cgroup.kill; echo "word $?"
cat $c/cgroup.kill; echo "read $?"
sleep 60 & a=$!
sleep 60 & b=$!
echo $a > $c/cgroup.procs
echo $b > $c/sub/cgroup.procs
cat $c/cgroup.events
echo 1 > $c/cgroup.kill; echo "kill $?"
# bash reports a job killed while it waited for another on its standard
# error, or not, as the race goes: the group keeps those reports out.
{ wait $a; echo "first $?"; wait $b; echo "second $?"; } 2>/dev/null
cat $c/cgroup.events $c/sub/cgroup.events
rmdir $c/sub $c; echo "rmdir $?"
umount /mnt/cg
