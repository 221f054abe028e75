# A tree copied into a namespace owned by a new user namespace is locked:
# its mounts cannot be unmounted, moved, or bound alone when they hide
# locked mounts; rbind takes them along; flags cannot be loosened.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mkdir /k/a /k/b /k/c /k/d
mount -t tmpfs -o ro,nosuid,noexec A /k/a
mkdir -p /k/b/sub
mount -t tmpfs B /k/b
mkdir /k/b/sub
mount -t tmpfs SUB /k/b/sub
unshare -Urm sh -c '
umount /k/a; echo "umount A $?"
umount -l /k/b/sub; echo "umount -l SUB $?"
mount --move /k/a /k/c; echo "move A $?"
mount --bind /k/b /k/c; echo "bind B $?"
mount --rbind /k/b /k/c; echo "rbind B $?"
findmnt -n -o TARGET,SOURCE -R /k/c
umount -R /k/c; echo "umount -R copy $?"
mount -o remount,rw /k/a; echo "remount rw $?"
mount -o remount,bind,rw /k/a; echo "remount bind rw $?"
mount -o remount,bind,ro,nosuid,noexec,noatime /k/a; echo "remount bind atime $?"
mount -o remount,bind,ro,nosuid,noexec,nodev /k/a; echo "remount bind nodev $?"
findmnt -n -o OPTIONS /k/a
mount -t tmpfs MINE /k/d; echo "mount mine $?"
umount /k/d; echo "umount mine $?"
' 2>&1
