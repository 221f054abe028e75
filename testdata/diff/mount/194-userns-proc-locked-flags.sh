# What a new proc in a mount namespace of a new user namespace takes
# from the visible proc it depends on: a read-only one (here the only one
# not hiding anything) makes ro necessary and locked; its atime setting
# is locked as it is (noatime: relatime and strictatime refused);
# nosuid, nodev and noexec are neither needed nor taken.
# The kernel side's namespace also holds the host's relatime proc,
# hidden under the sandbox's root but counted (mnt_already_visible walks
# every mount of the namespace): the mounts here are noatime.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mkdir /k/m /k/ro
mount -o remount,nosuid,nodev,noexec,noatime /proc
mount -t tmpfs S /proc/sys
mount -t proc -o ro,noatime p /k/ro
unshare -Urmpf sh -c '
mount -t proc -o noatime p /k/m; echo "rw: rc=$?"
mount -t proc -o ro,noatime p /k/m; echo "ro: rc=$?"
findmnt -n -o OPTIONS /k/m
mount -o remount,rw /k/m; echo "remount rw: rc=$?"
mount -o remount,bind,rw /k/m; echo "remount bind rw: rc=$?"
' 2>&1
umount /k/ro /proc/sys
unshare -Urmpf sh -c '
mount -t proc -o strictatime p /k/m; echo "strictatime: rc=$?"
mount -t proc -o noatime p /k/m; echo "noatime: rc=$?"
findmnt -n -o OPTIONS /k/m
mount -o remount,strictatime /k/m; echo "remount strictatime: rc=$?"
mount -t proc -o noatime,nosuid,nodev,noexec p /k/m; echo "nosuid,nodev,noexec: rc=$?"
findmnt -n -o OPTIONS /k/m
' 2>&1
mount -o remount,suid,dev,exec,relatime /proc
