# nsdelegate makes a cgroup namespace a delegation boundary: from inside
# a namespace rooted at a cgroup, that cgroup's own files are not
# writable but for cgroup.procs, cgroup.threads and
# cgroup.subtree_control (EPERM), its children's are, and a process
# cannot be moved to a cgroup outside (ENOENT); without nsdelegate all of
# it works. The hierarchy's options are the host's: they are read first
# and put back at the end.
mkdir -p /mnt/cg /mnt/o
mount -t cgroup2 none /mnt/cg
orig=$(findmnt -no FS-OPTIONS /mnt/cg)
c=/mnt/cg/lvfs-280
rmdir $c/ns/child $c/ns $c/out $c 2>/dev/null
mkdir -p $c/ns/child $c/out
try() {
	sh -c 'echo $$ > $1/ns/cgroup.procs; exec unshare -C sh -c "
	/bin/echo max > $1/ns/cgroup.max.depth; echo \"root file \$?\"
	/bin/echo > $1/ns/cgroup.subtree_control; echo \"root subtree_control \$?\"
	/bin/echo max > $1/ns/child/cgroup.max.depth; echo \"child file \$?\"
	/bin/echo max > $1/out/cgroup.max.depth; echo \"outside file \$?\"
	/bin/echo \$\$ > $1/ns/child/cgroup.procs; echo \"into child \$?\"
	/bin/echo \$\$ > $1/ns/cgroup.procs; echo \"back to root \$?\"
	/bin/echo \$\$ > $1/out/cgroup.procs; echo \"outside \$?\"
	/bin/echo \$\$ > /mnt/cg/cgroup.procs; echo \"out \$?\"
	"' sh $c 2>&1
	for s in $(cat $c/ns/cgroup.procs $c/ns/child/cgroup.procs $c/out/cgroup.procs); do echo $s > /mnt/cg/cgroup.procs; done
}
mount -t cgroup2 -o nsdelegate d /mnt/o
echo "with nsdelegate"; try
umount /mnt/o
mount -t cgroup2 -o "$orig" restore /mnt/o
echo "without"; try
[ "$(findmnt -no FS-OPTIONS /mnt/cg)" = "$orig" ] && echo "restored"
umount /mnt/o
rmdir $c/ns/child $c/ns $c/out $c; echo "rmdir $?"
umount /mnt/cg
