# A bind of a mount namespace's file keeps the namespace alive after its
# last task exits: nsenter through the file finds its mounts; the
# namespace goes when the bind is unmounted, and the file left behind is
# no namespace (setns fails with EINVAL). (Linux 6.18 numbers namespaces
# from per-CPU batches: bind_child tries new namespaces until one is
# numbered after its parent, see 245.)
# kerneltest: switch-root
bind_child() {
	n=0
	while [ $n -lt 100 ]; do
		rm -f /tmp/ready /tmp/done
		unshare -m --propagation private sh -c 'mount -t tmpfs marker /mnt/x; echo kept > /mnt/x/f; readlink /proc/self/ns/mnt > /tmp/was; echo > /tmp/ready; while [ ! -e /tmp/done ]; do sleep 0.05; done' &
		pid=$!
		while [ ! -e /tmp/ready ]; do sleep 0.05; done
		mount --bind /proc/$pid/ns/mnt "$1" 2>/dev/null && return 0
		touch /tmp/done; wait $pid
		n=$((n + 1))
	done
	return 1
}
mkdir -p /run/ns /mnt/x; touch /run/ns/m
bind_child /run/ns/m; echo "bind $?"
touch /tmp/done; wait
cat /mnt/x/f; echo "not here $?"
nsenter --mount=/run/ns/m sh -c 'cat /mnt/x/f; findmnt -n -o TARGET,SOURCE /mnt/x; [ "$(readlink /proc/self/ns/mnt)" = "$(cat /tmp/was)" ] && echo same namespace'; echo "nsenter $?"
[ "$(stat -c %i /run/ns/m)" = "$(sed 's/[^0-9]//g' /tmp/was)" ] && echo "file is the namespace"
nsenter --mount=/run/ns/m sh -c 'umount /mnt/x; echo "umount inside $?"'
nsenter --mount=/run/ns/m findmnt /mnt/x; echo "gone inside $?"
umount /run/ns/m; echo "umount $?"
nsenter --mount=/run/ns/m true; echo "after $?"
