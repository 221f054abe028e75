# cgroup2 on /sys/fs/cgroup, the empty sysfs directory made for it: the
# type is listed in /proc/filesystems (v1's "cgroup" is not compared:
# linuxvfs has no v1), the root's interface files, statfs's magic and
# name, the mountinfo line, and a second mount showing the same
# superblock (one device number).
grep -x 'nodev	cgroup2' /proc/filesystems
ls -A /sys/fs/cgroup; echo "empty $?"
mount -t cgroup2 cgroup2 /sys/fs/cgroup; echo "mount $?"
ls /sys/fs/cgroup
stat -f -c '%t %T' /sys/fs/cgroup
df -T /sys/fs/cgroup | tail -1 | awk '{print $1, $2}'
grep ' /sys/fs/cgroup ' /proc/self/mountinfo | cut -d' ' -f4-
mkdir /mnt/again
mount -t cgroup2 again /mnt/again
[ "$(stat -c %d /mnt/again)" = "$(stat -c %d /sys/fs/cgroup)" ] && echo "same device"
stat -c '%A %h %s %U %G' /sys/fs/cgroup/cgroup.procs /sys/fs/cgroup/cgroup.controllers
findmnt -no FSTYPE,SOURCE /mnt/again
umount /mnt/again /sys/fs/cgroup; echo "umount $?"
