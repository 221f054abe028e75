# A bind mount of a cgroup's directory shows the cgroup's path as its
# root in mountinfo (cgroup_show_path, from the reader's namespace root)
# and findmnt's FSROOT; it is the same cgroup (a cgroup made through one
# is seen through the other).
mkdir -p /mnt/cg /mnt/sub
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-275
rmdir $c/x/y $c/x $c 2>/dev/null
mkdir -p $c/x
mount --bind $c/x /mnt/sub
grep ' /mnt/sub ' /proc/self/mountinfo | cut -d' ' -f4-
findmnt -no FSROOT,FSTYPE /mnt/sub
mkdir /mnt/sub/y; ls -d $c/x/y
grep -E '^nr_descendants' /mnt/sub/cgroup.stat $c/cgroup.stat
umount /mnt/sub
rmdir $c/x/y $c/x $c; echo "rmdir $?"
umount /mnt/cg
