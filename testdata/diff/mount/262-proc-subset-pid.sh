# A proc mounted with subset=pid (as container runtimes mount it) has
# only the process directories, self and thread-self at its top:
# meminfo, mounts, sys and the rest are not found, while the processes'
# own files (self/mountinfo) are all there. A remount can add the
# option to a proc without it.
mkdir -p /mnt/p /mnt/q
mount -t proc -o subset=pid proc /mnt/p; echo "mount $?"
ls /mnt/p | grep -v '^[0-9]'
ls -d /mnt/p/1 >/dev/null; echo "pid 1 $?"
cat /mnt/p/meminfo; echo "meminfo $?"
ls /mnt/p/sys; echo "sys $?"
readlink /mnt/p/mounts; echo "mounts $?"
grep -c ' /mnt/p ' /mnt/p/self/mountinfo
readlink /mnt/p/self >/dev/null; echo "self $?"
test -d /mnt/p/thread-self && echo "thread-self there"
stat -c %F /mnt/p/uptime; echo "uptime $?"
mount -t proc proc /mnt/q
ls /mnt/q/meminfo
mount -o remount,subset=pid /mnt/q; echo "remount $?"
ls /mnt/q | grep -v '^[0-9]'
findmnt -n -o FS-OPTIONS /mnt/p; findmnt -n -o FS-OPTIONS /mnt/q
ls /mnt/q/meminfo; echo "meminfo after remount $?"
