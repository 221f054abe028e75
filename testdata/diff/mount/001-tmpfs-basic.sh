mkdir -p /mnt
echo under > /mnt/hidden
mount -t tmpfs tmpfs /mnt; echo "mount $?"
echo "== mounted"
cat /proc/self/mountinfo
ls -a /mnt
echo data > /mnt/f
stat -c '%n %F %a %u %g' /mnt /mnt/f
umount /mnt; echo "umount $?"
echo "== unmounted"
cat /proc/self/mountinfo
ls /mnt
cat /mnt/hidden
