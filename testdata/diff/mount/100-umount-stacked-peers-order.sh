mkdir -p /mnt
mount -t tmpfs one /mnt
mount -t tmpfs two /mnt
mount --bind /mnt /mnt
cat /proc/self/mountinfo
umount /mnt; echo "top $?"
findmnt -n -o SOURCE /mnt
umount /mnt; echo "two $?"
findmnt -n -o SOURCE /mnt
umount /mnt; echo "one $?"
umount /mnt; echo "none $?"
