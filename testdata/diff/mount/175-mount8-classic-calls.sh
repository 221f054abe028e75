# util-linux 2.38's mount(8) makes only classic mount(2) calls (checked
# with strace on the host: no fsopen, open_tree, move_mount or
# mount_setattr): a bind with flags is a bind, then a remount of the bind;
# a remount passes the options mountinfo shows (so a bind of a read-only
# superblock stays read-only); propagation is one call of its own.
mkdir -p /t/a /t/b /t/c
mount -t tmpfs -o size=1m,mode=700 t /t/a; echo "tmpfs $?"
mount --bind /t/a /t/b; echo "bind $?"
mount -o remount,ro /t/b; echo "remount ro $?"
mount -o bind,ro /t/a /t/c; echo "bind,ro $?"
mount --make-rshared /t/a; echo "make-rshared $?"
mount --move /t/c /t/b; echo "move $?"
mount -o remount,bind,nosuid /t/a; echo "remount,bind,nosuid $?"
cat /proc/self/mountinfo
mount -t tmpfs -o ro,noexec x /t/c; echo "tmpfs ro,noexec $?"
mount -o rw,nosymfollow -t tmpfs y /t/c; echo "nosymfollow $?"
mount -o bind,rw,nosuid,noexec /t/a /t/c; echo "bind,rw,nosuid,noexec $?"
cat /proc/self/mountinfo
umount -R /t/c; echo "umount -R $?"
cat /proc/self/mountinfo
