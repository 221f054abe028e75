mkdir -p /mnt
mount -t bogusfs none /mnt; echo "bogus $?"
mount -t tmpfs2 none /mnt; echo "tmpfs2 $?"
mount -t rootfs none /mnt; echo "rootfs $?"
cat /proc/self/mountinfo
