# df on tmpfs mounts and binds: --output fields, -h/-H/--si, -B units,
# --total, -i, -T, -P, -a, -l, repeated operands, stat -c %m.
mkdir -p /m /b /m2
mount -t tmpfs -o size=2m t /m
mkdir /m/sub; echo hi > /m/sub/f
mount --bind /m/sub /b
mount -t tmpfs -o size=3m t2 /m2
stat -c '%m %n' /m/sub/f /b/f /b /m /m2 /
df /b/f /m/sub --output=source,target,file
df -h --output=size,used,avail,pcent,target /m /m2
df --total -h /m /m2
df -a -t tmpfs --output=target | sort
df -l -T /m2
df /nonexist; echo $?
df -i -h /m
df --output=itotal,iused,iavail,ipcent /m
df -k -P /m /b
df -B 512 /m; df -B K /m; df -B MB /m2; df -BM /m2; df --block-size=1K /m
df -H /m2
df --sync /m; df --no-sync /m
df -h /m /m; df /m /b
df --output=bogus; echo $?
df -m /m2; df -g /m2; echo $?
