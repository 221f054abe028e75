mkdir -p /mnt
mount -t tmpfs parent /mnt
mkdir /mnt/c
mount -t tmpfs child /mnt/c
umount /mnt; echo "with child $?"
umount /mnt/c; echo "child $?"
umount /mnt; echo "parent $?"
cat /proc/self/mountinfo
