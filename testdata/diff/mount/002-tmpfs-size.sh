mkdir /a /b /c /d
mount -t tmpfs -o size=1m tmpfs /a; echo "1m $?"
mount -t tmpfs -o size=64k tmpfs /b; echo "64k $?"
mount -t tmpfs -o size=3M tmpfs /c; echo "3M $?"
mount -t tmpfs -o size=2G tmpfs /d; echo "2G $?"
cat /proc/self/mountinfo
findmnt -n -o TARGET,FS-OPTIONS -t tmpfs
