mkdir -p /mnt
mount -t tmpfs tmpfs /mnt
mount --make-shared /mnt; echo "shared $?"
cat /proc/self/mountinfo
findmnt -n -o PROPAGATION /mnt
mount --make-shared /mnt; echo "shared again $?"
mount --make-private /mnt; echo "private $?"
cat /proc/self/mountinfo
findmnt -n -o PROPAGATION /mnt
mount --make-unbindable /mnt; echo "unbindable $?"
findmnt -n -o PROPAGATION /mnt
cat /proc/self/mountinfo
