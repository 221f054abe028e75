# A read-only remount of a superblock is refused (EBUSY, "mount point is
# busy") while a file whose last name was removed is still open, even
# for reading only, and however it is reached (another process, a second
# descriptor): the kernel frees such a file by writing when it closes.
# A per-mount read-only remount (remount,bind,ro) does not mind; a file
# with a name left, or one closed everywhere, does not block.
mount -t tmpfs top /mnt
echo hi > /mnt/f
exec 3</mnt/f
rm /mnt/f
mount -o remount,ro /mnt; echo "unlinked, open for reading $?"
mount -o remount,bind,ro /mnt; echo "per-mount ro $?"
findmnt -n -o OPTIONS,FS-OPTIONS /mnt
mount -o remount,bind,rw /mnt; echo "per-mount rw $?"
cat /proc/self/fd/3
exec 3<&-
mount -o remount,ro /mnt; echo "closed $?"
findmnt -n -o OPTIONS,FS-OPTIONS /mnt
mount -o remount,rw /mnt
echo x > /mnt/g
exec 4</mnt/g
ln /mnt/g /mnt/h
rm /mnt/g
mount -o remount,ro /mnt; echo "one name left $?"
mount -o remount,rw /mnt
rm /mnt/h
mount -o remount,ro /mnt; echo "no name left $?"
exec 5</proc/self/fd/4
exec 4<&-
mount -o remount,ro /mnt; echo "second descriptor $?"
sleep 1 &
exec 5<&-
mount -o remount,ro /mnt; echo "another process $?"
wait
mount -o remount,ro /mnt; echo "all closed $?"
findmnt -n -o OPTIONS,FS-OPTIONS /mnt
mount -o remount,rw /mnt
mkdir /mnt/d /mnt/e
echo y > /mnt/d/k
exec 7</mnt/d/k
mount --bind /mnt/d /mnt/e
rm /mnt/e/k
mount -o remount,ro /mnt/e; echo "through a bind $?"
exec 7<&-
mount -o remount,ro /mnt/e; echo "bind, closed $?"
findmnt -n -o TARGET,OPTIONS -R /mnt
