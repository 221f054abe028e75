# X-mount.mkdir (with a mode) makes the target, --mkdir likewise; the
# usual mistakes' messages: no such target, no fstab entry, no source,
# a directory as source without bind, unknown type, bad options.
mount -t tmpfs -o X-mount.mkdir t /newdir/sub; echo $?
findmnt -no TARGET,SOURCE /newdir/sub
stat -c '%a %U' /newdir /newdir/sub
mount --mkdir -t tmpfs t2 /other 2>&1; echo $?
mount -t tmpfs -o X-mount.mkdir=0700 t3 /priv/x; echo $?
stat -c '%a' /priv /priv/x
mount -t tmpfs t4 /nodir; echo $?
mount /nodir; echo $?
mount -t tmpfs; echo $?
mount none /mnt; echo $?
mount /tmp /mnt; echo $?
mount -t nosuchfs x /mnt; echo $?
mount -o bogus -t tmpfs x /mnt; echo $?
mount -t tmpfs -o size=abc x /mnt; echo $?
umount /nodir; echo $?
umount /proc/self; echo $?
umount ''; echo $?
