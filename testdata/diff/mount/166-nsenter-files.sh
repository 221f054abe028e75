# nsenter through namespace files: a task keeps descriptors of its mount
# and UTS namespaces, makes new ones, and enters the old ones again; the
# errors of a missing file, a file that is no namespace and the wrong kind.
# (After setns into a mount namespace the root is the namespace's own, the
# real root on the kernel side, so only /proc is looked at there.)
nsenter -m; echo rc=$?
nsenter -t 999999 -m true; echo rc=$?
nsenter --mount=/nonexist true; echo rc=$?
mkdir -p /t; touch /t/f; nsenter -m/t/f true; echo rc=$?
nsenter -u/proc/self/ns/mnt true; echo rc=$?
cat > /t/in.sh <<'X'
hostname other
b=$(nsenter --mount=/proc/self/fd/3 --uts=/proc/self/fd/4 bash -c 'readlink /proc/self/ns/mnt; hostname' | tr '\n' ' ')
[ "$b" = "$A inner " ] && echo entered
hostname
[ "$(readlink /proc/self/ns/mnt)" != "$A" ] && echo own
X
cat > /t/out.sh <<'X'
hostname inner
export A=$(readlink /proc/self/ns/mnt)
exec 3</proc/self/ns/mnt 4</proc/self/ns/uts
unshare -m --uts bash /t/in.sh
X
unshare -m --uts bash /t/out.sh; echo rc=$?
readlink /proc/self/ns/mnt | sed 's/[0-9]*]/N]/'
ls /proc/self/ns | grep -c -e '^mnt$' -e '^uts$' -e '^ipc$'
