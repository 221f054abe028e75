mkdir /a /b
mount -t tmpfs unique-src /a
mount -t tmpfs twice /b
umount unique-src; echo "by source $?"
mountpoint /a
umount twice; echo "by source 2 $?"
cat /proc/self/mountinfo
