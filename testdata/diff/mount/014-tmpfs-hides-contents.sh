mkdir -p /mnt/sub
echo old > /mnt/sub/f
mount -t tmpfs tmpfs /mnt
ls -a /mnt
test -e /mnt/sub/f || echo "hidden"
echo new > /mnt/g
cd /mnt
umount /mnt; echo "umount with cwd inside $?"
cd /
umount /mnt; echo "umount $?"
ls /mnt
cat /mnt/sub/f
