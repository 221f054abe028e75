# cgroup.subtree_control's words are separated by single spaces: white
# space around the whole text is stripped (the kernel's isspace, the
# no-break space 0xa0 included) and empty words between spaces are
# skipped, but a tab inside is part of a word (EINVAL). The words here
# only disable what is not enabled, so the outcome does not depend on the
# controllers the host's hierarchy offers. The interface files of a
# removed cgroup, still open, can be neither read nor written (ENODEV).
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-307
rmdir $c/x $c 2>/dev/null
mkdir -p $c/x
for v in '-hugetlb\t-hugetlb\n' '-hugetlb  -hugetlb\n' ' \t-hugetlb \n' '-hugetlb\v\n' \
	'-hugetlb\xa0\n' '\xa0-hugetlb\n' '\n' '-hugetlb -\n' '-hugetlb\t\n'; do
	builtin printf -- "$v" > $c/cgroup.subtree_control; echo "[$v] $?"
done
cat $c/cgroup.subtree_control
exec 3> $c/x/cgroup.subtree_control 4> $c/x/cgroup.max.depth 5< $c/x/cgroup.procs 6< $c/x/cgroup.max.depth
rmdir $c/x; echo "rmdir $?"
echo -hugetlb >&3; echo "write subtree_control $?"
echo 5 >&4; echo "write max.depth $?"
cat <&5; echo "read procs $?"
cat <&6; echo "read max.depth $?"
exec 3>&- 4>&- 5<&- 6<&-
rmdir $c; echo "rmdir $?"
umount /mnt/cg
