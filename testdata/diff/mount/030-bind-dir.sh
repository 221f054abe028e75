mkdir -p /a/sub /b
echo one > /a/f
mount --bind /a /b; echo "bind $?"
cat /b/f
echo two > /b/g
cat /a/g
ls /b
cat /proc/self/mountinfo
findmnt -o TARGET,SOURCE,FSROOT /b
umount /b; echo "umount $?"
ls /b
