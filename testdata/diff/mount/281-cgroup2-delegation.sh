# Delegating a cgroup to a user by chown: its files keep the new owner,
# a cgroup the user makes there is the user's (files included), the user
# moves its own processes between cgroups of the delegated subtree and
# writes its files, but cannot move a process in from outside (the
# common ancestor's cgroup.procs is root's: EACCES); a chmod is kept.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-281
rmdir $c/s $c 2>/dev/null
mkdir $c
chown -R 1000:1000 $c
stat -c '%u:%g %a %n' $c $c/cgroup.procs $c/cgroup.kill | sed "s|$c|C|"
u() { setpriv --reuid=1000 --regid=1000 --clear-groups "$@"; }
u /bin/sh -c '/bin/echo $$ > $1/cgroup.procs' sh $c; echo "move in from outside $?"
# The job puts itself in the cgroup before it becomes the user (exec
# keeps the process), so no fork can come between.
sh -c 'echo $$ > $1/cgroup.procs; exec setpriv --reuid=1000 --regid=1000 --clear-groups /bin/sh -c "$2" sh "$1"' sh $c '
c=$1
mkdir $c/s; echo "mkdir $?"
stat -c "%u:%g %a %n" $c/s $c/s/cgroup.procs | sed "s|$c|C|"
/bin/echo $$ > $c/s/cgroup.procs; echo "to sub $?"
grep "^0::" /proc/self/cgroup
/bin/echo $$ > $c/cgroup.procs; echo "back $?"
/bin/echo 5 > $c/s/cgroup.max.depth; echo "write $?"
/bin/echo $$ > /mnt/cg/cgroup.procs; echo "out $?"
' & p=$!
wait $p
chmod 600 $c/cgroup.procs; stat -c '%a' $c/cgroup.procs
rmdir $c/s $c; echo "rmdir $?"
umount /mnt/cg
