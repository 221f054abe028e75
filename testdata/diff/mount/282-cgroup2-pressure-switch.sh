# cgroup.pressure of a new cgroup is 1; writing 0 hides its cpu, io and
# memory pressure files (listing, lookup: ENOENT) and 1 brings them back
# with their "some" and "full" lines; other numbers are ERANGE. Only a
# cgroup of the scenario's own is switched, never the root.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-282
rmdir $c 2>/dev/null
mkdir $c
cat $c/cgroup.pressure
ls $c/cpu.pressure >/dev/null; echo "before $?"
echo 0 > $c/cgroup.pressure; echo "off $?"
cat $c/cgroup.pressure
ls $c | grep -c 'pressure'
cat $c/memory.pressure; echo "read $?"
echo 1 > $c/cgroup.pressure; echo "on $?"
ls $c | grep 'pressure'
cut -d' ' -f1 $c/io.pressure
echo 3 > $c/cgroup.pressure; echo "three $?"
rmdir $c; echo "rmdir $?"
umount /mnt/cg
