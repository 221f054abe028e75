# cgroup.max.descendants and cgroup.max.depth: "max" or a number, read
# back as written; mkdir beyond either limit of the parent or an
# ancestor fails EAGAIN; negative numbers are ERANGE, words EINVAL.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-269
rmdir $c/a/b $c/a $c/x $c 2>/dev/null
mkdir $c
echo 1 > $c/cgroup.max.descendants; cat $c/cgroup.max.descendants
mkdir $c/a; echo "first $?"
mkdir $c/x; echo "second $?"
mkdir $c/a/b; echo "grandchild $?"
echo max > $c/cgroup.max.descendants; cat $c/cgroup.max.descendants
echo 1 > $c/cgroup.max.depth; cat $c/cgroup.max.depth
mkdir $c/x; echo "depth 1 sibling $?"
mkdir $c/a/b; echo "depth 2 $?"
echo 0x2 > $c/cgroup.max.depth; cat $c/cgroup.max.depth
mkdir $c/a/b; echo "depth 2 allowed $?"
echo -1 > $c/cgroup.max.depth; echo "negative $?"
echo lots > $c/cgroup.max.descendants; echo "word $?"
echo 'max ' > $c/cgroup.max.depth; echo "max with space $?"
cat $c/cgroup.max.depth
grep -E '^nr_descendants' $c/cgroup.stat $c/a/cgroup.stat
rmdir $c/a/b $c/a $c/x $c; echo "rmdir $?"
umount /mnt/cg
