# A removed directory that something still holds blocks a read-only
# remount of its superblock (EBUSY) as an open unlinked file does: a
# working directory (this shell's, even from a subshell elsewhere, or
# another process's), and a bind mount whose
# root was removed after the bind. Leaving the directory or unmounting
# the bind lets the remount through.
mount -t tmpfs top /mnt
mkdir -p /mnt/gone /mnt/s/sub /mnt/e
cd /mnt/gone
rmdir /mnt/gone
mount -o remount,ro /mnt; echo "removed cwd $?"
(cd /; mount -o remount,ro /mnt; echo "subshell, shell in removed cwd $?")
cd /
mount -o remount,ro /mnt; echo "left it $?"
mount -o remount,rw /mnt
mkdir /mnt/d2
sh -c 'cd /mnt/d2 && echo > /tmp/in && while [ ! -e /tmp/out ]; do sleep 0.05; done' &
while [ ! -e /tmp/in ]; do sleep 0.05; done
rmdir /mnt/d2; echo "rmdir $?"
mount -o remount,ro /mnt; echo "removed cwd of another process $?"
touch /tmp/out; wait
mount -o remount,ro /mnt; echo "it exited $?"
mount -o remount,rw /mnt
mount --bind /mnt/s/sub /mnt/e
rmdir /mnt/s/sub
mount -o remount,ro /mnt; echo "bind of a removed directory $?"
mount -o remount,ro /mnt/e; echo "through that bind $?"
mount -o remount,bind,ro /mnt; echo "per-mount ro $?"
findmnt -n -o TARGET,FSROOT,OPTIONS,FS-OPTIONS -R /mnt
umount /mnt/e
mount -o remount,ro /mnt; echo "unmounted $?"
findmnt -n -o TARGET,OPTIONS,FS-OPTIONS /mnt
