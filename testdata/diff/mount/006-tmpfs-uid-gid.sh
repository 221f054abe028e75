mkdir /a /b
mount -t tmpfs -o uid=1000,gid=100 tmpfs /a; echo "a $?"
mount -t tmpfs -o uid=0,gid=0,mode=711 tmpfs /b; echo "b $?"
stat -c '%n %a %u %g' /a /b
touch /a/f
stat -c '%n %u %g' /a/f
cat /proc/self/mountinfo
