# -t '' is a type list that was given: mount's listing shows nothing,
# an operation (--bind) refuses it as bad usage, a remount ignores it,
# and umount -a -t '' leaves every mount alone (it is not the default
# list that skips proc and sysfs).
mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a
mount -t ''; echo "list $?"
mount -l -t '' /dev/null 2>/dev/null; echo "list with operand $?"
mount -t '' --bind /mnt /mnt/a; echo "bind $?"
mount -t '' -o remount,ro /mnt; echo "remount $?"
findmnt -n -o OPTIONS /mnt
mount -t tmpfs | grep -c /mnt
umount -a -t ''; echo "umount all $?"
findmnt -n -o TARGET /mnt; findmnt -n -o TARGET /tmp
