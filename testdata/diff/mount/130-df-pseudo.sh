# df on file systems with no blocks (proc, ramfs, mqueue): shown when
# named, with "-" for Use%; -t and -x, and the errors of df FILE.
mkdir /r /q /m
mount -t ramfs ram /r
mount -t mqueue mq /q
mount -t tmpfs -o size=2m,nr_inodes=10 tm /m
df /r /q /proc
df -T /r /q /proc/self
df -i /r /proc
df -h /r
df -t tmpfs /m /r; echo "status $?"
df -x tmpfs /m /r; echo "status $?"
df -t proc -t ramfs -T /proc /r /m; echo "status $?"
df -t nosuch /m; echo "status $?"
df -t tmpfs -x tmpfs /m; echo "status $?"
df /nope; echo "status $?"
df /m/nope/ /m; echo "status $?"
touch /m/file
df /m/file/; echo "status $?"
df --total /proc /r; echo "status $?"
