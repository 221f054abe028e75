mkdir -p /mnt /a/b
cd /a
mount -t tmpfs rel b; echo "relative $?"
mount -t tmpfs dots ../mnt/../mnt; echo "dots $?"
cd /
cat /proc/self/mountinfo
umount a/b; echo "umount relative $?"
cd /mnt && umount ../mnt; echo "umount from inside $?"
cd /
umount mnt; echo "umount relative2 $?"
cat /proc/self/mountinfo
