mkdir /a /b /c /d
mount -t tmpfs orig /a
mkdir -p /a/1/2/3
mount --bind /a/1 /b
mount --bind /b/2 /c
mount --bind /c/3 /d
touch /d/leaf
ls /a/1/2/3
cat /proc/self/mountinfo
umount /b; echo "umount middle of chain $?"
ls /d
cat /proc/self/mountinfo
