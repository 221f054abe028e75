mkdir /u
mount -t tmpfs U /u
mkdir /u/c
mount -t tmpfs C /u/c
mount --make-unbindable /u
unshare -m --propagation unchanged sh -c '
echo "== inside"
cat /proc/self/mountinfo
findmnt -o TARGET,PROPAGATION -t tmpfs'
echo "== outside"
findmnt -o TARGET,PROPAGATION -t tmpfs
