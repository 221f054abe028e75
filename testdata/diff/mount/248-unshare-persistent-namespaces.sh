# unshare --mount=FILE, --uts=FILE, --ipc=FILE: the new namespaces'
# files are bound on FILE (a child still in the old mount namespace
# makes the binds), nsenter enters them later, and a missing FILE fails
# the command before it runs. PIDs in messages become PID. (Linux 6.18
# numbers namespaces from per-CPU batches, so the bind of the new mount
# namespace fails now and then; such a failure runs nothing, and the
# script tries again, see 245.)
# kerneltest: switch-root
mkdir -p /run/ns; touch /run/ns/m /run/ns/u /run/ns/i
n=0
until unshare --mount=/run/ns/m --uts=/run/ns/u --ipc=/run/ns/i sh -c 'hostname inner; mount -t tmpfs persisted /mnt; echo ran' 2>/dev/null; do
	umount /run/ns/u /run/ns/i 2>/dev/null
	n=$((n + 1)); [ $n -lt 100 ] || break
done
grep nsfs /proc/self/mountinfo | cut -d" " -f4-5 | sed 's/[0-9][0-9]*]/N]/'
hostname | grep -c inner
nsenter --mount=/run/ns/m --uts=/run/ns/u sh -c 'hostname; findmnt -n -o SOURCE /mnt'; echo "nsenter $?"
unshare -m --mount=/run/ns/none true 2>/tmp/err; echo "missing $?"; sed 's/[0-9][0-9]*/PID/' /tmp/err
unshare --uts=/run/ns/none echo not run 2>/tmp/err; echo "missing uts $?"; sed 's/[0-9][0-9]*/PID/' /tmp/err
umount /run/ns/m /run/ns/u /run/ns/i; echo "umount $?"
