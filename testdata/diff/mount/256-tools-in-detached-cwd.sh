# Tools whose working directory is in a lazily unmounted tree: the
# kernel names it "(unreachable)/..." (getcwd(2)) and glibc's getcwd
# then fails with ENOENT, so relative names have no canonical form:
# realpath and readlink -f fail, stat %m says it failed to canonicalize,
# df finds no file system, and mount, umount and findmnt keep the names
# as given. Walking the tree itself still works ("." and ".." are the
# detached root).
mount -t tmpfs top /mnt; mkdir -p /mnt/x /mnt/y
mount -t tmpfs x /mnt/x; mkdir /mnt/x/sub; touch /mnt/x/file
mount -t tmpfs s /mnt/x/sub
cd /mnt/x
umount -l /mnt/x; echo "lazy $?"
readlink /proc/self/cwd
stat -c '%i %n' . .. ../..
ls ..
realpath .; echo "realpath $?"
realpath -m sub/new; echo "realpath -m $?"
readlink -f sub; echo "readlink -f $?"
readlink -e file; echo "readlink -e $?"
stat -c %m . file; echo "stat %m $?"
stat -L -c %m sub; echo "stat -L %m $?"
df . ; echo "df $?"
df file sub; echo "df file $?"
mountpoint sub; echo "mountpoint $?"
findmnt -T sub; echo "findmnt -T $?"
findmnt sub; echo "findmnt $?"
mount -t tmpfs t sub; echo "mount $?"
mount --bind /mnt/y sub; echo "bind $?"
umount sub; echo "umount $?"
umount -l sub; echo "umount -l $?"
ls sub
