# A cgroup namespace is rooted at its maker's cgroup: /proc/self/cgroup
# says "/" there and climbs with "/.." to cgroups above it; a cgroup2
# mount made inside shows only that subtree, with "/" as its root in
# mountinfo, while from outside the same mount's root is the cgroup's
# path. The shells move themselves back to the root cgroup before the
# cgroups go.
mkdir -p /mnt/cg /mnt/in
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-274
rmdir $c/in $c 2>/dev/null
mkdir -p $c/in
sh -c '
c=$1
echo $$ > $c/in/cgroup.procs
grep "^0::" /proc/self/cgroup
unshare -C sh -c "
grep ^0:: /proc/self/cgroup
echo \$\$ > $c/cgroup.procs; grep ^0:: /proc/self/cgroup
echo \$\$ > /mnt/cg/cgroup.procs; grep ^0:: /proc/self/cgroup
mount -t cgroup2 inner /mnt/in
grep \" /mnt/in \" /proc/self/mountinfo | cut -d\" \" -f4-
ls /mnt/in | grep -c cgroup.events
sleep 60 & echo \$! > /tmp/sleeper
"
' sh $c
p=$(cat /tmp/sleeper)
grep ' /mnt/in ' /proc/self/mountinfo | cut -d' ' -f4-
grep '^0::' /proc/$p/cgroup
kill $p
umount /mnt/in
rmdir $c/in $c; echo "rmdir $?"
umount /mnt/cg
