# Entering another task's cgroup namespace (nsenter --cgroup, setns)
# changes the root /proc/PID/cgroup is shown from, not the task's
# cgroup: a shell in the root cgroup that joins a namespace rooted at a
# cgroup below sees itself at "/..", and the namespace's maker at "/".
# Also: a cgroup's own files seen from inside a namespace rooted at it.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-278
rmdir $c 2>/dev/null
mkdir $c
sh -c 'echo $$ > $1/cgroup.procs; exec unshare -C sleep 60' sh $c & p=$!
for i in $(seq 100); do [ -n "$(cat $c/cgroup.procs)" ] && [ "$(readlink /proc/$p/ns/cgroup)" != "$(readlink /proc/self/ns/cgroup)" ] && break; sleep 0.05; done
grep '^0::' /proc/$p/cgroup
nsenter --cgroup -t $p sh -c 'grep "^0::" /proc/self/cgroup; grep "^0::" /proc/'$p'/cgroup'
nsenter --cgroup=/proc/$p/ns/cgroup grep '^0::' /proc/self/cgroup
grep '^0::' /proc/self/cgroup
kill $p; wait $p 2>/dev/null
rmdir $c; echo "rmdir $?"
umount /mnt/cg
