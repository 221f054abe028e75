mkdir /a /b
mount -t tmpfs A /a
mount -t tmpfs B /b
umount /a; echo "umount a $?"
umount /b/; echo "umount b/ $?"
cat /proc/self/mountinfo
umount /a; echo "again $?"
