# cgroup.type: a new cgroup is a domain; writing "threaded" makes it a
# threaded cgroup, its parent becomes "domain threaded", a domain sibling
# "domain invalid", and so is a child made later under the threaded one
# (a new cgroup is never threaded); "domain" and
# other words cannot be written (EINVAL); a threaded cgroup's
# cgroup.procs cannot be read (EOPNOTSUPP), nor its cgroup.kill written;
# an invalid domain takes no process (EOPNOTSUPP).
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-271
rmdir $c/p/t/u $c/p/t $c/p/d $c/p $c 2>/dev/null
mkdir -p $c/p/t $c/p/d
cat $c/p/cgroup.type $c/p/t/cgroup.type
echo threaded > $c/p/t/cgroup.type; echo "threaded $?"
cat $c/p/cgroup.type $c/p/t/cgroup.type $c/p/d/cgroup.type
echo threaded > $c/p/t/cgroup.type; echo "again $?"
echo domain > $c/p/t/cgroup.type; echo "domain $?"
echo bogus > $c/p/d/cgroup.type; echo "bogus $?"
mkdir $c/p/t/u; cat $c/p/t/u/cgroup.type
cat $c/p/t/cgroup.procs; echo "procs read $?"
cat $c/p/cgroup.threads $c/p/t/cgroup.threads; echo "threads read $?"
echo 1 > $c/p/t/cgroup.kill; echo "kill $?"
sleep 60 & p=$!
echo $p > $c/p/d/cgroup.procs; echo "invalid domain $?"
kill $p; wait $p 2>/dev/null
rmdir $c/p/t/u $c/p/t $c/p/d $c/p $c; echo "rmdir $?"
umount /mnt/cg
