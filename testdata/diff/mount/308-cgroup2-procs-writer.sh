# cgroup.procs opened by one process and read or written by another
# (the descriptor inherited): a PID written, and "0", name a task as the
# WRITING process sees it (its PID namespace; "0" is itself), and a
# reader sees the PIDs of its own namespace (0 for those it cannot see).
# Whether the move is allowed is judged with the opener's credentials,
# so a process that became a user after the open still moves itself.
# Out-of-range numbers are EINVAL, as any other bad text.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-308
rmdir $c 2>/dev/null
mkdir $c
sleep 60 & p=$!
echo $p > $c/cgroup.procs
exec 3< $c/cgroup.procs
echo "read in a new PID namespace: $(unshare -pf sh -c 'cat <&3')"
exec 3<&-
exec 4> $c/cgroup.procs
sh -c 'echo 0 >&4; grep ^0:: /proc/self/cgroup'; echo "0 by a child $?"
grep ^0:: /proc/self/cgroup
unshare -pf sh -c 'echo 1 >&4; grep ^0:: /proc/self/cgroup'; echo "1 in a new PID namespace $?"
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c 'echo 0 >&4; grep ^0:: /proc/self/cgroup'; echo "as a user after the open $?"
echo 4294967296 >&4; echo "past int $?"
echo 99999999999999999999 >&4; echo "past long $?"
exec 4>&-
grep -c . $c/cgroup.procs
kill $p; wait $p 2>/dev/null
rmdir $c; echo "rmdir $?"
umount /mnt/cg
