mkdir -p /mnt
mount -t tmpfs first /mnt; echo 1 > /mnt/one
mount -t tmpfs second /mnt; echo 2 > /mnt/two
mount -t tmpfs third /mnt
ls /mnt
echo "== three on /mnt"
cat /proc/self/mountinfo
findmnt -R /mnt
umount /mnt; echo "umount $?"
ls /mnt
umount /mnt; echo "umount $?"
ls /mnt
echo "== one left"
cat /proc/self/mountinfo
