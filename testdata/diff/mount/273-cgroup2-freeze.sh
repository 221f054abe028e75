# cgroup.freeze of an empty cgroup: 1 freezes it at once (cgroup.events
# says frozen 1, and so does a child's), 0 thaws it; other numbers are
# ERANGE, words EINVAL. cgroup.pressure takes 0 or 1 the same way.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-273
rmdir $c/sub $c 2>/dev/null
mkdir -p $c/sub
cat $c/cgroup.freeze
echo 1 > $c/cgroup.freeze; echo "freeze $?"
cat $c/cgroup.freeze $c/cgroup.events $c/sub/cgroup.freeze $c/sub/cgroup.events
echo 0 > $c/cgroup.freeze; echo "thaw $?"
cat $c/cgroup.events $c/sub/cgroup.events
echo 2 > $c/cgroup.freeze; echo "two $?"
echo on > $c/cgroup.freeze; echo "word $?"
echo 2 > $c/cgroup.pressure; echo "pressure two $?"
echo x > $c/cgroup.pressure; echo "pressure word $?"
cat $c/cgroup.pressure
rmdir $c/sub $c; echo "rmdir $?"
umount /mnt/cg
