# sysfs on /sys: the memory devices' directories, attributes and links as
# Linux 6.18 shows them (modes, sizes, link counts, kernfs's readdir
# order), writes to attributes, what sysfs refuses, and a second mount of
# the same superblock. Only paths both systems have are looked at (the
# host's /sys has many more devices). Never remount /sys read-only here:
# the superblock is the host's.
cat /sys/class/mem/null/dev /sys/class/mem/zero/dev /sys/dev/char/1:5/dev
cat /sys/class/mem/null/uevent /sys/class/misc/loop-control/uevent
readlink /sys/class/mem/null /sys/dev/char/1:3 /sys/class/misc/loop-control /sys/devices/virtual/mem/null/subsystem
ls -U /sys/devices/virtual/mem/null /sys/devices/virtual/mem/null/power
stat -c '%n %F %a %s' /sys
stat -c '%n %F %a %s %h' /sys/class/mem/null /sys/class/mem/null/ /sys/class/mem/null/dev /sys/class/mem/null/uevent /sys/class/mem/null/power /sys/class/mem/null/subsystem /sys/dev/char/1:3
cat /sys/class/mem/null/power/control /sys/class/mem/null/power/runtime_status /sys/class/mem/null/power/runtime_active_time
cat /sys/class/mem/null/power/autosuspend_delay_ms; echo "autosuspend $?"
echo change > /sys/class/mem/zero/uevent; echo "uevent change $?"
echo bogus > /sys/class/mem/zero/uevent; echo "uevent bogus $?"
echo 1:2 > /sys/class/mem/zero/dev; echo "write dev $?"
cat /sys/class/mem/nothing/dev; echo "no device $?"
cd /sys/class/mem/full && cat dev && cd /
touch /sys/x; echo "touch $?"
mkdir /sys/x; echo "mkdir $?"
mknod /sys/p p; echo "mknod $?"
ln -s y /sys/x; echo "symlink $?"
rm /sys/class/mem/null; echo "rm $?"
rmdir /sys/fs/tmpfs/features; echo "rmdir $?"
mv /sys/fs/tmpfs/features /sys/fs/tmpfs/f; echo "mv $?"
stat -f -c '%T %s %l %b %c' /sys
mkdir /s2; mount -t sysfs none /s2; echo "second mount $?"
cat /s2/class/mem/urandom/dev
stat -c '%i' /sys /s2
[ "$(stat -c %d /sys)" = "$(stat -c %d /s2)" ]; echo "same superblock $?"
grep -c ' - sysfs ' /proc/self/mountinfo
umount /s2
mount -t sysfs -o size=1 none /s2; echo "size= $?"
