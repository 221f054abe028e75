# The network, cgroup and time namespaces: /proc/self/ns lists every kind
# in the kernel's order, unshare makes a new one of each kind (a new time
# namespace is for children and for the caller after its next exec, so
# the program unshare runs is in it), and the time offsets are set before
# anyone enters: writing them later is EACCES, a bad line EINVAL, an
# offset past the clock's range ERANGE. The initial time namespace's
# offsets are final from boot.
ls /proc/self/ns
ls -f /proc/self/ns | grep -v '^\.'
for k in net cgroup time; do
	a=$(readlink /proc/self/ns/$k)
	b=$(unshare --$k readlink /proc/self/ns/$k)
	echo "$k: ${b%%:*} $([ "$a" != "$b" ] && echo new || echo same)"
done
unshare -T sh -c '[ "$(readlink /proc/self/ns/time)" = "$(readlink /proc/self/ns/time_for_children)" ] && echo "time: entered at exec"'
[ "$(unshare -T readlink /proc/self/ns/time)" != "$(readlink /proc/self/ns/time)" ] && echo "time: unshare's program is inside"
cat /proc/self/timens_offsets
echo "monotonic 5 0" > /proc/self/timens_offsets; echo "initial: $?"
unshare -T --monotonic 100 --boottime 86400 cat /proc/self/timens_offsets
unshare -T --boottime 86400 sh -c 'read up idle < /proc/uptime; [ "${up%.*}" -ge 86400 ] && echo "uptime moved"'
unshare -T sh -c 'echo "monotonic 5 0" 2>/dev/null > /proc/self/timens_offsets; echo "entered: $?"'
unshare -T --monotonic 99999999999 true; echo "range: $?"
unshare --monotonic 5 true; echo "no -T: $?"
unshare -T --boottime x true; echo "parse: $?"
# nsenter joins a live task's network, cgroup and time namespaces.
unshare -n -C -T sleep 30 &
p=$!
for i in $(seq 300); do
	[ "$(readlink /proc/$p/ns/time)" != "$(readlink /proc/self/ns/time)" ] && break
	sleep 0.1
done
a=$(nsenter -t $p -n -C -T readlink /proc/self/ns/net /proc/self/ns/cgroup /proc/self/ns/time)
b=$(readlink /proc/$p/ns/net /proc/$p/ns/cgroup /proc/$p/ns/time)
[ "$a" = "$b" ] && echo "nsenter: joined"
kill $p; wait $p; echo "killed: $?"
