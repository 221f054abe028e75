# stat's birth time (%w, %W, the Birth line) and IO block (%o) on the
# pseudo file systems: ramfs, procfs, sysfs, devpts, mqueue and the
# kernel's pipe and namespace files keep no birth time ("-", 0), while
# tmpfs and devtmpfs do; procfs and devpts files have 1024-byte blocks
# (stat -f on /proc still says 4096).
# The queue is made in an IPC namespace of its own: the harness shares
# the host's, whose mqueue mounts would all show it.
mkdir -p /t/r /t/q /t/p /t/s /t/m; mount -t ramfs r /t/r; mount -t devpts p /t/p
unshare --ipc sh -c 'mount -t mqueue q /t/q; : > /t/q/x'
mount -t sysfs s /t/s; mount -t tmpfs m /t/m; touch /t/r/f /t/m/f
for f in /t/r /t/r/f /t/q /t/q/x /t/p /t/p/ptmx /t/s /t/s/dev /proc /proc/self/comm /proc/self /proc/sys/kernel/hostname /proc/self/fd /proc/self/ns/mnt /sys/dev; do
	stat -c '%n %o %w %W' $f
done
for f in /t/m /t/m/f /dev /dev/null; do stat -c '%n %o %w' $f | sed 's/ [0-9].*/ (a time)/'; done
stat -L -c '%n %o %w %W %F' /proc/self/ns/mnt; echo | stat -L -c '%o %w %W %F' /dev/stdin
stat /t/r/f | grep -E 'Birth|IO Block' | sed 's/Size.*IO/IO/'; stat /proc/self/comm | grep -E 'Birth|IO Block' | sed 's/Size.*IO/IO/'
stat -f -c '%n %s %S' /proc /t/p; stat -c '%n|%W' /t/r/f /proc/self/comm /t/m/f | sed 's/|[1-9][0-9]*$/|(set)/'
