# unshare -Urm: a user namespace mapping root to the caller, and a mount
# namespace it owns. proc here was mounted outside: it is locked (umount
# says "not mounted", the kernel's EINVAL); tmpfs may be mounted inside.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mkdir /k/mnt
unshare -Urm sh -c 'cat /proc/self/uid_map; umount /proc; echo rc=$?; mount -t tmpfs t /k/mnt && findmnt -n -o FSTYPE,OPTIONS /k/mnt'
unshare -Urm sh -c 'cat /proc/self/gid_map /proc/self/setgroups; id -u; id -g; grep -E "^(Uid|Gid|Cap)" /proc/self/status'
# Only a user namespace: no mapping yet, ids overflow.
unshare -U sh -c 'cat /proc/self/uid_map; echo end; id -u; id -g; stat -c "%u %g" /k; cat /proc/self/setgroups'
echo "== outside again"
grep -E "^Uid" /proc/self/status
