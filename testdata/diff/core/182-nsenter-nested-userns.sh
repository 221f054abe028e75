# nsenter between nested user namespaces: A maps 100 to the caller
# (root), B, made inside A, maps 200 to A's 100. The maps read from the
# initial namespace, from A and from B; joining B from outside takes its
# capabilities (with -S/-G an ID B maps, 0 being unmapped there); a task
# in B may neither open A's process files nor join A through a
# descriptor it inherited. PIDs differ between the kernels and are left
# out of the output.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
K=/tmp/k
mkdir -p $K
mkfifo -m 666 $K/go $K/ready
: > $K/a; : > $K/b
chmod 666 $K/a $K/b
unshare --map-user=100 --map-group=100 sh -c 'echo $$ > /tmp/k/a; unshare --map-user=200 --map-group=200 sh -c "echo \$\$ > /tmp/k/b; echo r > /tmp/k/ready; read x < /tmp/k/go"' &
read x < $K/ready
a=$(cat $K/a); b=$(cat $K/b)
cat /proc/$a/uid_map /proc/$b/uid_map /proc/$b/gid_map /proc/$b/setgroups
nsenter -t $a -U -S 100 -G 100 sh -c 'id -u; cat /proc/$1/uid_map; grep CapEff /proc/self/status' sh $b
nsenter -t $b -U -S 200 -G 200 sh -c 'id -u; id -g; cat /proc/self/uid_map; grep -E "^(Uid|CapEff)" /proc/self/status'
nsenter -t $b -U id -u; echo "uid 0 in B: $?"
nsenter -t $b -U --preserve-credentials sh -c 'id -u; id -g; grep CapEff /proc/self/status'
exec 4</proc/$a/ns/user
nsenter -t $b -U -S 200 -G 200 nsenter --user=/proc/self/fd/4 true; echo "B to A: $?"
nsenter -t $b -U -S 200 -G 200 readlink -v /proc/$a/ns/user 2>&1 | sed 's/[0-9][0-9]*/N/'
nsenter -t $b -U -S 200 -G 200 cat /proc/$b/uid_map
exec 4<&-
echo go > $K/go
wait
