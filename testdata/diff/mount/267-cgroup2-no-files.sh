# What cgroup2 refuses in a cgroup directory: creating a file (kernfs has
# no create: EACCES), a node, symlink or hard link (EPERM), removing an
# interface file (EPERM) and renaming anything, a cgroup within its
# parent included (the unified hierarchy renames nothing: EPERM).
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-267
rmdir $c/a $c/b $c 2>/dev/null
mkdir $c && cd $c || exit 1
touch f; echo "touch $?"
: > g; echo "redirect $?"
mknod p p; echo "mknod $?"
ln -s x l; echo "symlink $?"
ln cgroup.procs h; echo "link $?"
rm -f cgroup.procs; echo "rm $?"
mkdir a
mv a b; echo "mv dir $?"
mv cgroup.procs x; echo "mv file $?"
mv a ../lvfs-267-moved; echo "mv out $?"
ls -d a b ../lvfs-267-moved 2>&1
cd /
rmdir $c/a $c; echo "rmdir $?"
umount /mnt/cg
