mkdir /a /b /c /d
mount -t tmpfs -o nosuid tmpfs /a
mount -t tmpfs -o nodev tmpfs /b
mount -t tmpfs -o noexec tmpfs /c
mount -t tmpfs -o nosuid,nodev,noexec tmpfs /d
cat /proc/self/mountinfo
touch /c/s /a/s; chmod 755 /c/s /a/s
test -x /c/s; echo "executable on noexec $?"
test -x /a/s; echo "executable on nosuid $?"
echo "== remount suid,dev,exec"
mount -o remount,suid,dev,exec /d; echo "remount $?"
cat /proc/self/mountinfo
