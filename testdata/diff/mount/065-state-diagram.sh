# sharedsubtree.rst 5a: every transition of the state diagram.
mkdir /base /peer /m
mount -t tmpfs base /base
mount --make-shared /base
mount --bind /base /peer
for state in shared slave shared-slave private unbindable; do
	for cmd in shared slave private unbindable; do
		case $state in
		shared) mount -t tmpfs m /m; mount --make-shared /m ;;
		slave) mount --bind /base /m; mount --make-slave /m ;;
		shared-slave) mount --bind /base /m; mount --make-slave /m; mount --make-shared /m ;;
		private) mount -t tmpfs m /m ;;
		unbindable) mount -t tmpfs m /m; mount --make-unbindable /m ;;
		esac
		mount --make-$cmd /m
		echo "$state + make-$cmd -> $(findmnt -n -o PROPAGATION /m)"
		umount /m
	done
done
echo "== shared with a peer + make-slave"
mount -t tmpfs m /m
mount --make-shared /m
mkdir /m/x /peer/m
mount --bind /m /peer/m
mount --make-slave /m
findmnt -o TARGET,PROPAGATION -t tmpfs
cat /proc/self/mountinfo
