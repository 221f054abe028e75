mkdir /a /b /c /d
mount -t tmpfs -o mode=700 tmpfs /a
mount -t tmpfs -o mode=1777 tmpfs /b
mount -t tmpfs -o mode=0 tmpfs /c
mount -t tmpfs -o mode=04755 tmpfs /d
stat -c '%n %a %A' /a /b /c /d
cat /proc/self/mountinfo
