# Which filesystem types a user namespace's root may mount: those marked
# FS_USERNS_MOUNT whose namespace it owns (tmpfs, ramfs, devpts, mqueue of
# its own IPC namespace); not proc or sysfs of namespaces it does not own,
# not others.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mkdir /k/m
unshare -Urm sh -c '
for t in tmpfs ramfs devpts proc sysfs mqueue; do
  mount -t $t x /k/m; echo "$t $?"; umount /k/m 2>/dev/null
done
unshare -i sh -c "mount -t mqueue x /k/m; echo mqueue-own-ipc \$?"
mount -o remount,ro /k 2>&1; echo "remount locked-ns sb $?"
'
