# unshare -p without -f: unshare and the program it execs stay where they
# are; the namespace's first task is the program's first child, and only
# then does pid_for_children name it (a program exec'd in place finds
# nothing there). A second unshare -p before that is refused.
mkdir -p /k
mount -t tmpfs K /k
unshare -p sh -c 'exec readlink /proc/$$/ns/pid_for_children'; echo "before a child: rc=$?"
unshare -p sh -c 'readlink /proc/$$/ns/pid_for_children > /k/a'; echo "child: rc=$?"
sed "s/[0-9]*]/N]/" /k/a
unshare -p sh -c 'exec unshare -p true'; echo "second unshare -p: rc=$?"
unshare -p sh -c 'exec unshare -pf sh -c "echo \$\$"'; echo "then a fork: rc=$?"
unshare -pf sh -c 'exec unshare -p sh -c "echo \$\$ \$PPID"'; echo "nested, exec: rc=$?"
