# An empty source for a block filesystem: lookup_bdev answers EINVAL, not
# a path walk's ENOENT, and mount words it as a bad superblock.
mkdir /m
mount -t squashfs "" /m; echo "rc=$?"
mount "" /m; echo "rc=$?"
mount --source "" /m; echo "rc=$?"
grep -c ' /m ' /proc/self/mountinfo
