mkdir -p /mnt/sub
echo f > /mnt/sub/f
mount --bind /mnt /mnt; echo "bind onto itself $?"
mountpoint /mnt
mount --bind /mnt/sub /mnt/sub; echo "sub onto itself $?"
cat /mnt/sub/f
cat /proc/self/mountinfo
mount --bind /mnt /mnt; echo "again $?"
cat /proc/self/mountinfo
umount /mnt; umount /mnt; echo "umount twice $?"
cat /proc/self/mountinfo
