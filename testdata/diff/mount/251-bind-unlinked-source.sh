# A mount whose root was unlinked cannot be attached anywhere: a bind of a
# deleted file or directory reached through /proc/self/fd or a removed
# working directory, and a move or bind of a mount whose root directory
# was removed afterwards, fail with ENOENT (mount(8): "mount(2) system
# call failed"). The file-over-directory and unbindable checks come
# first; a mount over such a mount's root fails the same way.
mount -t tmpfs top /mnt
mkdir -p /mnt/d /mnt/e /mnt/x /mnt/s/sub /mnt/u
touch /mnt/f /mnt/g
exec 3</mnt/f
rm /mnt/f
mount --bind /proc/self/fd/3 /mnt/g; echo "deleted file $?"
mount --bind /proc/self/fd/3 /mnt/e; echo "deleted file on a directory $?"
cd /mnt/d
rmdir /mnt/d
mount --bind . /mnt/e; echo "deleted cwd $?"
mount --rbind /proc/self/cwd /mnt/e; echo "deleted cwd, recursive $?"
mount --bind . /mnt/g; echo "deleted cwd on a file $?"
mount -t tmpfs u /mnt/u; mkdir /mnt/u/z; mount --make-unbindable /mnt/u
cd /mnt/u/z; rmdir /mnt/u/z
mount --bind . /mnt/e; echo "deleted in unbindable $?"
cd /
mount --bind /mnt/s/sub /mnt/e; echo "bind $?"
rmdir /mnt/s/sub; echo "rmdir of the bound directory $?"
mount --move /mnt/e /mnt/x; echo "move $?"
mount --bind /mnt/e /mnt/x; echo "bind again $?"
mount -t tmpfs over /mnt/e; echo "mount over it $?"
mount --make-shared /mnt
mount --bind /mnt/e /mnt/x; echo "bind into shared $?"
exec 3<&-
grep /mnt /proc/self/mountinfo
