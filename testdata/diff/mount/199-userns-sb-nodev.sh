# A superblock made inside a user namespace other than the initial one is
# SB_I_NODEV: its device nodes do not open (EACCES), for the host's root
# too, though the mount shows no nodev (Linux stopped adding MNT_NODEV to
# such mounts in 4.8). A device node on a superblock of the initial
# namespace, bound into the namespace, opens there. mknod of a device
# inside the namespace is EPERM (CAP_MKNOD over the initial namespace).
# devpts clears SB_I_NODEV: its ptmx opens in a namespace's own instance.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mkfifo /k/go /k/ready
mknod /k/null c 1 3
touch /k/bound
mkdir /k/m
unshare -Urm sh -c '
mount -t tmpfs t /k/m; findmnt -no OPTIONS /k/m
mknod /k/m/inside c 1 3 2>/dev/null; echo "mknod inside: $?"
echo $$ > /k/ready; read x < /k/go
cat /k/m/null 2>/dev/null; echo "open inside: $?"
ls -l /k/m/null | cut -c1
mount --bind /k/null /k/bound; cat /k/bound; echo "bound from the initial namespace: $?"
mount --bind /k/m/null /k/bound; cat /k/bound 2>/dev/null; echo "bound from the namespace tmpfs: $?"
mkdir /k/m/sub; mount -t tmpfs s /k/m/sub; mount --bind /k/null /k/m/sub 2>/dev/null
echo hi > /k/m/f; mount --bind /k/null /k/m/f; cat /k/m/f; echo "initial-namespace node over a file: $?"
mkdir /k/m/pts; mount -t devpts -o ptmxmode=666 pts /k/m/pts
: 3<>/k/m/pts/ptmx; echo "devpts ptmx: $?"
' &
read pid < /k/ready
mknod /proc/$pid/root/k/m/null c 1 3; echo "mknod from outside: $?"
cat /proc/$pid/root/k/m/null 2>/dev/null; echo "open from outside: $?"
cat /k/null; echo "open on the initial-namespace tmpfs: $?"
echo > /k/go
wait
