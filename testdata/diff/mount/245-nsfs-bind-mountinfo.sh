# Binding namespace files (mount --bind /proc/PID/ns/KIND FILE): the
# target must be a file; mountinfo and findmnt show the bind as nsfs
# whose root is the namespace's name (nsfs_show_path), stat sees the
# namespace's inode, and reading the file fails. Namespace numbers are
# replaced by N. (Linux 6.18 numbers namespaces from per-CPU batches, so
# a new mount namespace made on another CPU than its parent's may be
# numbered before it, and mnt_ns_loop then refuses its file: bind_child
# tries new namespaces until one is numbered after.)
# kerneltest: switch-root
bind_child() {
	n=0
	while [ $n -lt 100 ]; do
		rm -f /tmp/ready /tmp/done
		unshare -m sh -c 'echo > /tmp/ready; while [ ! -e /tmp/done ]; do sleep 0.05; done' &
		pid=$!
		while [ ! -e /tmp/ready ]; do sleep 0.05; done
		mount --bind /proc/$pid/ns/mnt "$1" 2>/dev/null && return 0
		touch /tmp/done; wait $pid
		n=$((n + 1))
	done
	return 1
}
mkdir -p /run/ns/d; touch /run/ns/m /run/ns/u /run/ns/i
bind_child /run/ns/m; echo "mnt $?"
mount --bind /proc/self/ns/uts /run/ns/u; echo "uts $?"
mount --bind /proc/$$/ns/ipc /run/ns/i; echo "ipc $?"
mount --bind /proc/$pid/ns/mnt /run/ns/d; echo "on a directory $?"
touch /tmp/done; wait
grep nsfs /proc/self/mountinfo | sed 's/[0-9][0-9]*]/N]/'
findmnt -n -o TARGET,SOURCE,FSTYPE,OPTIONS /run/ns/m | sed 's/[0-9][0-9]*]/N]/'
findmnt -n -t nsfs -o TARGET | sort
[ "$(stat -c %i /run/ns/u)" = "$(stat -L -c %i /proc/self/ns/uts)" ] && echo "same inode"
stat -c '%F %a %s' /run/ns/m
cat /run/ns/u; echo "cat $?"
mountpoint /run/ns/i
umount /run/ns/m /run/ns/u /run/ns/i; echo "umount $?"
grep -c nsfs /proc/self/mountinfo
