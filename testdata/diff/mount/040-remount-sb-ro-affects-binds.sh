mkdir /a /b
mount -t tmpfs -o size=1m tmpfs /a
mount --bind /a /b
mount -o remount,ro /b; echo "sb remount ro via bind $?"
touch /a/x; echo "touch a $?"
cat /proc/self/mountinfo
mount -o remount,rw /a; echo "sb remount rw $?"
touch /a/x; echo "touch a $?"
touch /b/y; echo "touch b $?"
cat /proc/self/mountinfo
