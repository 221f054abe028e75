# unshare -Urmpf --mount-proc: the forked child is pid 1 of a new PID
# namespace owned by the new user namespace, whose proc it mounts and
# sees alone; its children are 2, 3, ... Without -f the command stays in
# unshare's own namespace (its proc mount is the old one's, which the
# new user namespace may not mount) and pid_for_children has no task
# yet.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mkdir /k/m
unshare -Urmpf --mount-proc sh -c '
echo "pid $$ ppid $PPID"
ls /proc > /k/l; grep -c "^[0-9]" /k/l
grep -E "^(Tgid|Pid|PPid|NStgid|NSpid)" /proc/self/status
readlink /proc/self /proc/thread-self
sh -c "echo \"child \$\$ ppid \$PPID\""
ls /proc/1/ns > /k/ns; grep pid /k/ns
[ "$(readlink /proc/self/ns/pid)" = "$(readlink /proc/1/ns/pid_for_children)" ] && echo same-ns
findmnt -n -o FSTYPE,OPTIONS /proc
'
echo "rc=$?"
unshare -Urmp mount -t proc p /k/m; echo "no fork: rc=$?"
unshare -Urmpf mount -t proc p /k/m; echo "fork: rc=$?"
unshare -p readlink /proc/self/ns/pid_for_children; echo "pid_for_children before a child: rc=$?"
