# Which namespace files may be bound where (mnt_ns_loop): a mount
# namespace's file only into an older namespace, so never the caller's
# own nor an ancestor's (EINVAL); other kinds anywhere. A new mount
# namespace leaves the binds of mount namespace files out of its copy
# (copy_tree without CL_COPY_MNT_NS_FILE) but keeps the other kinds';
# a recursive bind copies them all. (Linux 6.18 numbers namespaces from
# per-CPU batches: bind_child tries new namespaces until one is numbered
# after its parent, see 245.)
# kerneltest: switch-root
bind_child() {
	n=0
	while [ $n -lt 100 ]; do
		rm -f /tmp/ready /tmp/go
		unshare -m sh -c 'echo > /tmp/ready; while [ ! -e /tmp/go ]; do sleep 0.05; done; [ -s /tmp/go ] && . /tmp/go' &
		pid=$!
		while [ ! -e /tmp/ready ]; do sleep 0.05; done
		mount --bind /proc/$pid/ns/mnt "$1" 2>/dev/null && return 0
		touch /tmp/go; wait $pid
		n=$((n + 1))
	done
	return 1
}
mkdir -p /run/ns/d; touch /run/ns/m /run/ns/u /run/ns/self /run/ns/up
mount --bind /proc/self/ns/mnt /run/ns/self; echo "own $?"
bind_child /run/ns/m; echo "child's $?"
mount --bind /proc/self/ns/uts /run/ns/u; echo "uts $?"
cat > /tmp/go.new <<X
mount --bind /proc/$$/ns/mnt /run/ns/up 2>/dev/null; echo "parent's from the child \$?"
mount --bind /proc/self/ns/mnt /run/ns/up; echo "own from the child \$?"
X
mv /tmp/go.new /tmp/go; wait
unshare -m sh -c 'grep nsfs /proc/self/mountinfo | cut -d" " -f4-5 | sed "s/[0-9][0-9]*]/N]/"'
mount --rbind /run/ns /run/ns/d; echo "rbind $?"
grep nsfs /proc/self/mountinfo | cut -d" " -f4-5 | sed 's/[0-9][0-9]*]/N]/'
