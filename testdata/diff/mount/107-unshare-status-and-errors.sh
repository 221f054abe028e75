unshare -m sh -c 'exit 3'; echo "exit $?"
unshare -m --propagation bogus true; echo "bad propagation $?"
unshare -m sh -c 'mount -t tmpfs x /nosuch'; echo "inner failure $?"
unshare -m true; echo "true $?"
mkdir -p /mnt
unshare -m sh -c 'mount -t tmpfs x /mnt; umount /mnt; echo "inner umount $?"'
mountpoint /mnt
