mkdir /a /b /c /d /e
mount -t tmpfs -o size=1k tmpfs /a; echo "1k $?"
mount -t tmpfs -o size=123 tmpfs /b; echo "123 $?"
mount -t tmpfs -o size=4097 tmpfs /c; echo "4097 $?"
mount -t tmpfs -o size=0 tmpfs /d; echo "0 $?"
mount -t tmpfs -o size=10% tmpfs /e; echo "10% $?"
cat /proc/self/mountinfo
