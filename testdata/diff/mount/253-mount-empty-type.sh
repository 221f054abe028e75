# mount -t '' passes an empty type name to mount(2), which no filesystem
# has: ENODEV and "unknown filesystem type ''" (a missing type would be
# EINVAL); a remount ignores the type.
mkdir -p /mnt/q
mount -t '' x /mnt/q; echo "new mount $?"
mount -t tmpfs t /mnt/q && mount -t '' -o remount,ro /mnt/q; echo "remount $?"
findmnt -n -o TARGET,VFS-OPTIONS /mnt/q
umount /mnt/q
