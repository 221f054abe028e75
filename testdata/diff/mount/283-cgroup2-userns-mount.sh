# kerneltest: switch-root
# Mounting cgroup2 from a user namespace: allowed when the mounter's
# cgroup namespace belongs to that user namespace (unshare -UC),
# showing the subtree of the cgroup it was made in; refused (EPERM, with
# mount(8)'s message) when the cgroup namespace is still the initial
# one (unshare -c would be --map-current-user, not --cgroup).
mkdir -p /mnt/cg /mnt/u
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-283
rmdir $c 2>/dev/null
mkdir $c
unshare -Urm sh -c 'mount -t cgroup2 none /mnt/u; echo "initial cgroup ns $?"'
sh -c 'echo $$ > $1/cgroup.procs; exec unshare -UrmC sh -c "
mount -t cgroup2 none /mnt/u; echo \"own cgroup ns \$?\"
grep \" /mnt/u \" /proc/self/mountinfo | cut -d\" \" -f4-
stat -c \"%U %G %n\" /mnt/u /mnt/u/cgroup.procs
cat /mnt/u/cgroup.type
"' sh $c
echo $$ > /mnt/cg/cgroup.procs
rmdir $c; echo "rmdir $?"
umount /mnt/cg
