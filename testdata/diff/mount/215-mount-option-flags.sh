# mount(8) option handling seen in /proc: -v, X-mount.mkdir[=MODE], atime
# and sync flags, mand, user (implying noexec,nosuid,nodev), --fake, -n,
# --source/--target, repeated and alternative tmpfs sizes, inode32/64.
mkdir -p /m /n
mount -v -t tmpfs -o size=1m,noatime,nodiratime t /m; echo $?
mount -v --bind /m /n; echo $?
umount -v /n; echo $?
mount -o X-mount.mkdir -t tmpfs x /new/dir; echo $?; ls -ld /new/dir | cut -c1-10
mount -o X-mount.mkdir=0700 -t tmpfs x /new2; echo $?; ls -ld /new2 | cut -c1-10
mount -t tmpfs -o lazytime,sync,dirsync,strictatime l /n; echo $?
findmnt -n -o OPTIONS /n
umount /n
mount -t tmpfs -o mand l /n; echo $?
findmnt -n -o OPTIONS /n
umount /n
mount -t tmpfs -o defaults,ro,exec,suid,dev,user l /n; echo $?
mount -t tmpfs -o defaults,ro,exec,suid,dev l /n; echo $?
findmnt -n -o OPTIONS /n
umount /n
mount --fake -t tmpfs f /n; echo $?; findmnt /n; echo $?
mount -n -t tmpfs f /n; echo $?; findmnt -n -o SOURCE /n
umount -n /n; echo $?
mount --source s --target /n -t tmpfs; echo $?
umount /n
mount -l -t tmpfs | tail -2
mount -o remount,noatime /m; echo $?; findmnt -n -o OPTIONS /m
mount -o remount,relatime,nosuid /m; echo $?; findmnt -n -o OPTIONS /m
mount -o remount,atime /m; echo $?; findmnt -n -o OPTIONS /m
mount -o remount,norelatime /m; echo $?; findmnt -n -o OPTIONS /m
mount -t tmpfs -o size=1m,size=2m t /n; findmnt -n -o OPTIONS /n; umount /n
mount -t tmpfs -o nr_blocks=10 t /n; findmnt -n -o OPTIONS,SIZE /n; umount /n
mount -t tmpfs -o size=10% t /n; echo $?; umount /n
mount -t tmpfs -o inode64 t /n; echo $?; findmnt -n -o OPTIONS /n; umount /n
mount -t tmpfs -o inode32 t /n; echo $?; findmnt -n -o OPTIONS /n; umount /n
mount -t tmpfs -o gid=abc t /n; echo $?
mount -t tmpfs -o mode=01777 t /n; echo $?; stat -c %a /n; umount /n
mount -t tmpfs -o mode=1777x t /n; echo $?
mount -t tmpfs -o nr_inodes=0 t /n; echo $?; df -i /n; umount /n
mount -t tmpfs -o size=0 t /n; echo $?; df /n; umount /n
