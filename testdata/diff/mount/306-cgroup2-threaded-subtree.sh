# Writing "threaded" to cgroup.type changes the cgroup itself and the
# threaded cgroups below it, which join the domain it joins; a domain
# child stays a domain, now "domain invalid", and can still be removed.
# A domain grandchild that was a thread root keeps its threaded
# children, which move to the new domain: a thread of a process in the
# outer cgroup can be put in them, not in the invalid domain.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-306
rmdir $c/A/b/x $c/A/b $c/A $c/c/d/e $c/c/d $c/c/f $c/c $c 2>/dev/null
mkdir -p $c/A/b/x
echo threaded > $c/A/cgroup.type; echo "A threaded $?"
for x in A A/b A/b/x; do echo "$x $(cat $c/$x/cgroup.type)"; done
echo threaded > $c/A/b/cgroup.type; echo "b threaded $?"
rmdir $c/A/b/x $c/A/b; echo "rmdir $?"
echo "$(cat $c/cgroup.type) $(cat $c/A/cgroup.type)"
mkdir $c/A/b; cat $c/A/b/cgroup.type
rmdir $c/A/b $c/A
mkdir -p $c/c/d/e $c/c/f
echo threaded > $c/c/d/e/cgroup.type; echo "e $?"
echo threaded > $c/c/f/cgroup.type; echo "f $?"
for x in c c/d c/d/e c/f; do echo "$x $(cat $c/$x/cgroup.type)"; done
echo threaded > $c/c/cgroup.type; echo "c $?"
for x in c c/d c/d/e c/f; do echo "$x $(cat $c/$x/cgroup.type)"; done
sleep 60 & p=$!
echo $p > $c/cgroup.procs; echo "process in $?"
echo $p > $c/c/d/e/cgroup.threads; echo "thread into e $?"
echo $p > $c/c/d/cgroup.threads; echo "thread into d $?"
echo $p > $c/c/cgroup.threads; echo "thread into c $?"
kill $p; wait $p 2>/dev/null
rmdir $c/c/d/e $c/c/d $c/c/f $c/c $c; echo "rmdir all $?"
umount /mnt/cg
