# unshare -pf without a proc of its own: the child is 1 where it is, the
# proc it sees is its parent namespace's, where it has another number
# (NSpid lists both); /proc/1 is the outer init. setns into the own
# namespace is allowed (nsenter forks: the next task), into the parent's
# (that of unshare, the parent) it is not.
mkdir -p /k
mount -t tmpfs K /k
unshare -pf sh -c '
echo "pid $$ ppid $PPID"
nsenter -p/proc/self/ns/pid sh -c "echo joined own: \$\$ ppid \$PPID"
grep -E "^NSpid" /proc/self/status > /k/s
sed -E "s/^NSpid:\t[0-9]+/NSpid:\tN/" /k/s
p=$(sed -n "s/^PPid:\t//p" /proc/self/status)
u=$(sed -n "s/^PPid:\t//p" /proc/$p/status)
nsenter -p/proc/$u/ns/pid true; echo "parent namespace: rc=$?"
[ -d /proc/1 ] && echo "outer init visible"
[ "$(readlink /proc/$p/ns/pid)" = "$(readlink /proc/self/ns/pid)" ] && echo "shell and its child in the same namespace"
[ "$(readlink /proc/$u/ns/pid)" != "$(readlink /proc/self/ns/pid)" ] && echo "unshare in another"
readlink /proc/self/ns/pid /proc/self/ns/pid_for_children | sed "s/[0-9]*]/N]/" | uniq -c | sed "s/^ *//"
' 2>&1
