mkdir /a /b
mount -t tmpfs tmpfs /a
mount --bind /a /b
mount -o remount,bind,ro /b; echo "bind remount ro $?"
touch /b/x; echo "touch b $?"
touch /a/y; echo "touch a $?"
ls /b
cat /proc/self/mountinfo
mount -o remount,bind,rw /b; echo "bind remount rw $?"
touch /b/x; echo "touch b $?"
mount -o remount,bind,ro,noexec,nosuid /a; echo "bind remount flags $?"
cat /proc/self/mountinfo
