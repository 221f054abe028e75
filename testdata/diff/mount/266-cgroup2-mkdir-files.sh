# mkdir in cgroup2 makes a cgroup: its directory (mode from mkdir and the
# umask, two links, and one more for each child) and its interface files
# with their modes and first contents (controller lists are left out:
# which controllers a hierarchy offers depends on the machine), then rmdir
# removes it with its files. The cgroup is real on the host: leftovers of
# an earlier run go first.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-266
rmdir $c/sub $c 2>/dev/null
mkdir $c; echo "mkdir $?"
stat -c '%A %h %s' $c
ls -l $c | awk 'NR > 1 {print $1, $2, $5, $NF}'
for f in cgroup.events cgroup.freeze cgroup.max.depth cgroup.max.descendants \
	cgroup.procs cgroup.threads cgroup.type cgroup.pressure cgroup.stat.local \
	cpu.stat cpu.pressure io.pressure memory.pressure cgroup.subtree_control; do
	echo "== $f"; cat $c/$f
done
grep -E '^nr_(dying_)?descendants' $c/cgroup.stat
cat $c/cgroup.kill; echo "read kill $?"
mkdir -m 700 $c/sub; stat -c '%A %h' $c/sub $c
grep -E '^nr_(dying_)?descendants' $c/cgroup.stat
rmdir $c; echo "rmdir parent $?"
rmdir $c/sub; echo "rmdir sub $?"
ls $c/sub 2>&1; stat -c %h $c
rmdir $c; echo "rmdir $?"
ls -d $c; echo "gone $?"
umount /mnt/cg
