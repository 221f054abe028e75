# copy_mnt_ns for a new owner turns the copies of shared mounts into
# slaves of the originals: a mount made outside arrives inside, one made
# inside does not leave. Two FIFOs order the two sides.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mount --make-shared /k
mkdir /k/x /k/y
mkfifo /k/ready /k/go
unshare -Urm --propagation unchanged sh -c '
grep " /k " /proc/self/mountinfo | sed -e "s/^[0-9]* [0-9]* [0-9:]* //" -e "s/master:[0-9]*/master:N/" -e "s/shared:[0-9]*/shared:N/"
mount -t tmpfs IN /k/y; echo "in $?"
echo ready > /k/ready
read x < /k/go
findmnt -n -o SOURCE /k/x
' &
read x < /k/ready
mount -t tmpfs OUT /k/x
echo go > /k/go
wait
findmnt -n -o SOURCE /k/y; echo "outside sees y: $?"
