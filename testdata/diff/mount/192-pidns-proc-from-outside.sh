# A proc mounted in a child PID namespace, seen from the parent through
# a shared mount: it lists the child namespace's tasks only, its self
# link is ENOENT for a reader it cannot see, and its status shows the
# child's own numbers. Two FIFOs order the two sides.
mkdir -p /k
mount -t tmpfs K /k
mount --make-shared /k
mkdir /k/p
mkfifo /k/ready /k/go
unshare -mpf --propagation unchanged sh -c '
mount -t proc p /k/p
echo ready > /k/ready
read x < /k/go
' &
read x < /k/ready
ls /k/p > /k/list; grep "^[0-9]" /k/list
readlink /k/p/self; echo "self: rc=$?"
readlink /k/p/thread-self; echo "thread-self: rc=$?"
grep -E "^(Tgid|Pid|PPid|NStgid|NSpid)" /k/p/1/status
[ -e /k/p/2 ]; echo "2 exists: $?"
echo go > /k/go
wait
umount /k/p
