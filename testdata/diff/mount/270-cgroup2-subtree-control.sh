# cgroup.subtree_control's parser and the controller checks that do not
# depend on which controllers the machine's hierarchy offers: words
# without + or -, and names of no controller, are EINVAL; a known
# controller the parent does not offer (the root enables none for its
# children here) is ENOENT; disabling one that is not enabled is a
# successful no-op; nothing is enabled after all that.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-270
rmdir $c/a $c 2>/dev/null
mkdir $c $c/a
[ -z "$(cat /mnt/cg/cgroup.subtree_control)" ] || { echo "root enables controllers: not comparable"; rmdir $c/a $c; exit 0; }
echo hugetlb > $c/cgroup.subtree_control; echo "no sign $?"
echo +nosuch > $c/cgroup.subtree_control; echo "unknown $?"
echo +perf_event > $c/cgroup.subtree_control; echo "implicit $?"
echo + > $c/cgroup.subtree_control; echo "bare sign $?"
echo +hugetlb > $c/cgroup.subtree_control; echo "not offered $?"
echo "-hugetlb" > $c/cgroup.subtree_control; echo "disable $?"
echo "+hugetlb -hugetlb" > $c/cgroup.subtree_control; echo "both $?"
echo "" > $c/cgroup.subtree_control; echo "empty $?"
cat $c/cgroup.subtree_control $c/cgroup.controllers $c/a/cgroup.controllers
echo "end"
rmdir $c/a $c
umount /mnt/cg
