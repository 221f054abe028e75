# nsenter into the namespaces of a running process: a shell started by
# unshare -Urm (root mapped to root), one started by uid 1000 through
# setpriv, one whose map lacks uid 0. Entering a user namespace makes
# nsenter take uid and gid 0 there (setgroups may fail once, not twice),
# unless --preserve-credentials; as an unprivileged user the other kinds
# fail until the user namespace is joined; another user may not open
# the process's namespace files at all. PIDs differ between the kernels
# and are left out of the output.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
K=/tmp/k
mkdir -p $K
mount -t tmpfs K $K
mkdir $K/m
mkfifo -m 666 $K/go $K/ready
: > $K/pid
chmod 666 $K/pid
unshare -Urm sh -c 'mount -t tmpfs inner /tmp/k/m; echo hi > /tmp/k/m/file; echo $$ > /tmp/k/pid; echo ready > /tmp/k/ready; read x < /tmp/k/go' &
read x < $K/ready
pid=$(cat $K/pid)
ls $K/m; echo "outside: $?"
nsenter -t $pid -m cat $K/m/file
nsenter -t $pid -U -m sh -c 'id; cat /tmp/k/m/file /proc/self/uid_map; pwd; grep -E "^(Uid|Gid|CapEff)" /proc/self/status'
nsenter -t $pid -m -U --preserve-credentials sh -c 'id -u; grep CapEff /proc/self/status'
[ "$(nsenter -t $pid -m readlink /proc/self/ns/mnt)" = "$(readlink /proc/$pid/ns/mnt)" ] && echo same-mnt
[ "$(nsenter -t $pid -U readlink /proc/self/ns/user)" = "$(readlink /proc/$pid/ns/user)" ] && echo same-user
[ "$(nsenter -t $pid -a readlink /proc/self/ns/user)" = "$(readlink /proc/$pid/ns/user)" ] && echo all-user
nsenter -t $pid -a cat $K/m/file
nsenter -t $pid -U -S 5 true; echo "setuid 5: $?"
nsenter -t $pid -U -m -r -w ls $K/m
setpriv --reuid 1000 --regid 1000 --clear-groups nsenter -t $pid -U -m true 2>&1 | sed 's/[0-9][0-9]*/N/'
echo go > $K/go
wait
# A namespace made by uid 1000, entered by root and by uid 1000.
setpriv --reuid 1000 --regid 1000 --clear-groups unshare -Urm sh -c 'echo $$ > /tmp/k/pid; echo ready > /tmp/k/ready; read x < /tmp/k/go' &
read x < $K/ready
pid=$(cat $K/pid)
nsenter -t $pid -U -m sh -c 'id; cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups'; echo "root: $?"
setpriv --reuid 1000 --regid 1000 --clear-groups nsenter -t $pid -U -m id; echo "uid 1000: $?"
setpriv --reuid 1000 --regid 1000 --clear-groups nsenter -t $pid -U -m --preserve-credentials sh -c 'id; grep CapEff /proc/self/status'; echo "uid 1000 preserve: $?"
setpriv --reuid 1000 --regid 1000 --clear-groups nsenter -t $pid -m id; echo "uid 1000 mnt only: $?"
setpriv --reuid 1001 --regid 1001 --clear-groups nsenter -t $pid -U id 2>&1 | sed 's/[0-9][0-9]*/N/'
echo go > $K/go
wait
# A map without uid 0.
unshare -U --map-user=5 --map-group=5 sh -c 'echo $$ > /tmp/k/pid; echo ready > /tmp/k/ready; read x < /tmp/k/go' &
read x < $K/ready
pid=$(cat $K/pid)
nsenter -t $pid -U id; echo "no root: $?"
nsenter -t $pid -U -S 5 -G 5 sh -c 'id -u; id -g; id -G'; echo "as 5: $?"
echo go > $K/go
wait
