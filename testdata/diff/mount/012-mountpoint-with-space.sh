mkdir '/m n' '/m n/x y'
mount -t tmpfs tmpfs '/m n'; echo "mount $?"
mkdir '/m n/x y'
mount -t tmpfs 'x y' '/m n/x y'; echo "nested $?"
cat /proc/self/mountinfo
cat /proc/self/mounts
findmnt -R -n -o TARGET,SOURCE '/m n'
umount '/m n/x y' '/m n'; echo "umount $?"
cat /proc/self/mountinfo
