# A directory moved out from under a bind mount's root: the mount on it
# vanishes from mountinfo (its path is unreachable), the directory's links
# in /proc read "/", ".." from it fails with ENOENT, and the kernel stays
# usable (the mounts can still be found and unmounted).
mkdir -p /s/a/sub/y/z /s/b /m
mount --bind /s/a/sub /m
mount -t tmpfs t /m/y/z
mv /s/a/sub/y /s/b/y
cat /proc/self/mountinfo
cat /proc/self/mounts
findmnt -o TARGET,SOURCE /m; findmnt /m/y/z; echo "findmnt $?"
cd /m/y 2>&1; echo "cd $?"
exec 3</s/b/y/z
readlink /proc/self/fd/3
mv /s/b/y /s/a/sub/y
cd /m/y/z; echo "cd back $?"
mkdir q; mv /s/a/sub/y /s/b/y
readlink /proc/self/cwd
ls .. 2>&1; echo "ls $?"
ls -d q; touch q/f; ls q
cd /
umount /m 2>&1; echo "umount $?"
mv /s/b/y /s/a/sub/y
umount /m/y/z; echo "umount z $?"
umount /m; echo "umount m $?"
exec 3<&-
cat /proc/self/mountinfo
