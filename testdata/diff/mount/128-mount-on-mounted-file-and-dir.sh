mkdir -p /mnt
touch /f
mount -t tmpfs one /mnt
mount --bind /mnt /mnt
echo a > /src
mount --bind /src /f
mount --bind /src /f
cat /proc/self/mountinfo
umount /f; cat /f; umount /f; cat /f
