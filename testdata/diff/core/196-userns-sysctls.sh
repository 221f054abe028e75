# kernel.overflowuid and overflowgid, fs.overflowuid and overflowgid:
# 0..65535 (a value outside is EINVAL and changes nothing), writable by
# the kernel's root user only (a namespace's root mapped elsewhere may
# not, whatever its capabilities); an owner a namespace does not map
# shows as kernel.overflowuid. user.max_user_namespaces is each user
# namespace's own (INT_MAX when made), set by its root; a namespace
# counts against its creator at every level above it, and one too many
# is ENOSPC. Namespaces are freed asynchronously by Linux: no step
# depends on one being gone.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
cat /proc/sys/kernel/overflowuid /proc/sys/kernel/overflowgid /proc/sys/fs/overflowuid /proc/sys/fs/overflowgid
for v in 65536 -1 70000 abc; do
	echo $v 2>/dev/null > /proc/sys/kernel/overflowuid; echo "overflowuid $v: $?"
	echo $v 2>/dev/null > /proc/sys/fs/overflowgid; echo "fs overflowgid $v: $?"
done
cat /proc/sys/kernel/overflowuid /proc/sys/fs/overflowgid
# (A failed redirection is status 2 in dash, 1 in bash: only success is
# told apart.)
setpriv --reuid 1000 --regid 1000 --clear-groups sh -c 'echo 5 > /proc/sys/kernel/overflowuid' 2>/dev/null || echo "uid 1000: refused"
setpriv --reuid 1000 --regid 1000 --clear-groups unshare -Ur sh -c '
echo 5 > /proc/sys/kernel/overflowgid || echo "namespace root as 1000: refused"
stat -c "%u:%g" / /proc/sys/kernel/overflowuid; id -u
grep -E "^(Uid|Gid)" /proc/1/status' 2>/dev/null
ls -l /proc/sys/user/max_user_namespaces | cut -d" " -f1
unshare -Ur sh -c '
m=/proc/sys/user/max_user_namespaces
cat $m
for v in -1 2147483648 x; do echo $v 2>/dev/null > $m; echo "max $v: $?"; done
echo 1 > $m; echo "max 1: $?"; cat $m
unshare -Ur sh -c "
cat $m; echo 7 > $m; echo \"inner max 7: \$?\"; cat $m
unshare -U true 2>&1; echo \"grandchild: \$?\"
"
echo "after: $(cat $m)"
' 2>&1
# A namespace with ids 0-9 mapped to 0-9: uid 5 has its own count.
rm -f /k/go /k/ready; mkfifo /k/go /k/ready
cat > /k/inner.sh <<'EOS'
m=/proc/sys/user/max_user_namespaces
echo 1 > $m; echo "root sets 1: $?"
unshare -U sh -c "echo hold > /k/ready; read x < /k/go" &
read x < /k/ready
unshare -U true 2>&1; echo "second by root: $?"
setpriv --reuid 5 --regid 5 --clear-groups sh -c "echo 3 > $m" 2>/dev/null || echo "uid 5 sets: refused"
setpriv --reuid 5 --regid 5 --clear-groups unshare -U true; echo "by uid 5: $?"
echo > /k/go
wait
EOS
# The shell execs again once the maps are written: uid 0 mapped, it
# keeps its capabilities in the namespace.
unshare -U sh -c 'echo $$ > /k/ready; read x < /k/go; exec sh /k/inner.sh' &
read pid < /k/ready
echo "0 0 10" > /proc/$pid/uid_map
echo "0 0 10" > /proc/$pid/gid_map
echo > /k/go
wait
