mkdir /a /b /c
mount -t tmpfs -o size=1m,size=2m tmpfs /a; echo "a $?"
mount -t tmpfs -o ro,rw tmpfs /b; echo "b $?"
mount -t tmpfs -o mode=700,mode=755,noexec,exec tmpfs /c; echo "c $?"
stat -c '%n %a' /c
cat /proc/self/mountinfo
