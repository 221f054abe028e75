# umount's variants: busy cwd, -l, -f, -R on stacks and trees, by source
# name (several mounts of it), --all-targets, -c, --fake, -n, -q, -v,
# and the messages for what is not mounted or does not exist.
mkdir -p /m /n /o
mount -t tmpfs t /m
touch /m/f /o/file
mount --bind /o/file /m/f; echo $?
umount /m; echo $?
umount -l /m; echo $?
findmnt /m; echo $?
mount -t tmpfs t /m
cd /m
umount /m; echo $?
umount -f /m; echo $?
cd /
umount /m/; echo $?
mount -t tmpfs t /m; mount -t tmpfs u /m
umount -R /m; echo $?; findmnt /m; echo $?
mount -t tmpfs t /m; mkdir /m/d; mount -t tmpfs u /m/d
umount /m; echo $?
umount -R /m; echo $?
mount -t tmpfs t /m
umount -a -t bogus; echo $?
umount -v /m; echo $?
umount t; echo $?
mount -t tmpfs t /m
umount t; echo $?
mount -t tmpfs t /m; mount -t tmpfs t /n
umount t; echo $?
findmnt -n -o TARGET -S t
umount --all-targets t; echo $?
mount -t tmpfs x /m
umount -c /m; echo $?
mount -t tmpfs x /m
umount --fake /m; echo $?; findmnt -n /m | wc -l
umount -n /m; echo $?
umount -q /nonexist; echo $?
umount -q /o; echo $?
umount /proc/self; echo $?
umount ''; echo $?
umount -t tmpfs -O noatime -a; echo $?
