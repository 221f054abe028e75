mkdir /a /b
mount -t tmpfs tmpfs /a
echo data > /a/f
mount -n --move /a /b; echo "move $?"
mountpoint /a
cat /b/f
cat /proc/self/mountinfo
mount -n --move /b /a; echo "move back $?"
cat /proc/self/mountinfo
