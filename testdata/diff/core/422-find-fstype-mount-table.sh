# find's -fstype and -printf %F name the type of the last mount in
# /proc/self/mountinfo with the file's device (findutils' fstype.c), not
# the statfs magic: /dev is devtmpfs (whose magic is tmpfs's), a dangling
# or foreign symlink is typed by its own file system, and a device that
# no mount shows is "unknown". stat -f %T, by contrast, goes by the magic.
# /q is the mqueue of an IPC namespace of its own: the host's may hold queues.
mkdir -p /m /r /q /m2; mount -t tmpfs t /m; mount -t ramfs r /r; unshare --ipc mount -t mqueue q /q
ln -s /nowhere /m/dang; ln -s /proc/self /m/pl; ln -s /dev/null /r/nl; mkfifo /m/p; mkdir /m/sub
mount --bind /m/sub /m2
find /m /r /q /m2 -printf '%p %y %F\n' | sort
find /dev/null /dev/zero /dev /proc /proc/self /proc/1/fd /sys /sys/dev /run /tmp -maxdepth 0 -printf '%p %F\n'
find -L /m/pl /r/nl -maxdepth 0 -printf '%p %F\n'; find -H /m/pl -maxdepth 0 -printf '%p %F\n'
find /dev -maxdepth 1 -name null -fstype devtmpfs; find /dev -maxdepth 0 -fstype tmpfs; echo rc=$?
find /m /r -fstype ramfs | sort; find /m -fstype tmpfs -type l | sort; find /q /proc/self -maxdepth 0 -fstype mqueue
find /sys/dev -maxdepth 0 -fstype sysfs; find /proc/self -maxdepth 0 -fstype proc
stat -f -c '%n %T' /dev /m /r /q /proc /sys
echo --- gone
mkdir /g; mount -t tmpfs g /g; touch /g/f; exec 3</g/f; cd /g; umount -l /g; find . -printf '%p %F\n'; cd /
