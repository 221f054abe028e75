# Names procfs does not know cannot be created: its lookup fails with
# ENOENT instead of leaving a negative dentry, so mkdir, open(O_CREAT),
# mknod, symlink, link and rename into /proc all say ENOENT, before any
# read-only or permission check.
touch /tmp/f
mkdir /proc/x; echo $?
mkdir /proc/self/x; echo $?
mkdir /proc/sys/kernel/x; echo $?
touch /proc/nonexist; echo $?
touch /proc/self/fd/99; echo $?
: > /proc/sys/nonexist; echo $?
tee /proc/x < /dev/null; echo $?
mkfifo /proc/fifo; echo $?
ln -s /tmp/f /proc/link; echo $?
ln /proc/version /proc/v2; echo $?
mv /tmp/f /proc/; echo $?
mv /proc/version /proc/v3; echo $?
mkdir /proc/self; echo $?
mkdir /proc/version; echo $?
ls /proc/x; echo $?
mount -o remount,ro /proc 2>/dev/null || mount -t proc -o ro proc /proc
mkdir /proc/y; echo $?
touch /proc/y; echo $?
