# mount's messages and statuses for missing mount points, unknown types,
# bad tmpfs values, ramfs, binds of missing sources, move/remount/make of
# non-mounts, umount errors, fstab lookups, a file as mount point.
mkdir /m /m2
mount -t tmpfs none /nonexist; echo $?
mount -t bogusfs none /m; echo $?
mount -t tmpfs -o size=abc none /m; echo $?
mount -t tmpfs -o bogus none /m; echo $?
mount -t tmpfs -o mode=999 none /m; echo $?
mount -t tmpfs -o uid=-1 none /m; echo $?
mount -t tmpfs -o huge=bad none /m; echo $?
mount -t tmpfs -o huge=always,noswap n /m; echo $?
grep " /m " /proc/self/mountinfo | cut -d' ' -f5-
umount /m
mount -t tmpfs -o huge=within_size,nr_inodes=10k n /m; echo $?
grep " /m " /proc/mounts
umount /m
mount -t ramfs -o mode=711,size=1m r /m; echo $?
grep " /m " /proc/mounts
stat -f -c '%T %b' /m
df /m
df -h /m; echo $?
umount /m
mount --bind /nonexist /m; echo $?
mount --move /m /m2; echo $?
mount -o remount,ro /m; echo $?
mount --make-private /m; echo $?
umount /m; echo $?
umount /nonexist; echo $?
umount -l /m; echo $?
umount -f /m; echo $?
umount -R /m; echo $?
mount /m; echo $?
mount -t tmpfs tmpfs; echo $?
mount a b c; echo $?
touch /f; mount -t tmpfs x /f; echo $?
mount --bind /f /m; echo $?
mount -t proc -o ro proc /m2; echo $?
mount -o remount,rw /m2; echo $?
grep /m2 /proc/mounts
