# A new proc in a mount namespace owned by a new user namespace needs a
# proc there that shows everything: a mount from outside (locked) on a
# directory or file of /proc hides part of it and the mount is refused; a
# mount made inside hides nothing its owner cannot remove; with the
# outside mount gone the mount works again.
# The kernel side's namespace also holds the host's proc, hidden under
# the sandbox's root but counted all the same (mnt_already_visible walks
# every mount of the namespace): it is relatime, so the mounts here are
# noatime, like the sandbox's /proc.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
mkdir /k/m
mount -o remount,noatime /proc
mount -t tmpfs S /proc/sys
unshare -Urmpf sh -c 'mount -t proc -o noatime p /k/m; echo "covered /proc/sys: rc=$?"'
umount /proc/sys
mount --bind /dev/null /proc/version
unshare -Urmpf sh -c 'mount -t proc -o noatime p /k/m; echo "covered file: rc=$?"'
umount /proc/version
unshare -Urmpf sh -c 'mount -t tmpfs t /proc/sys; mount -t proc -o noatime p /k/m; echo "covered inside: rc=$?"'
mkdir /k/b
mount --bind /proc/self /k/b
mount -t tmpfs S /proc/sys
unshare -Urmpf sh -c 'mount -t proc -o noatime p /k/m; echo "bind of a part only: rc=$?"'
umount /proc/sys /k/b
unshare -Urmpf sh -c 'mount -t proc -o noatime p /k/m; echo "uncovered: rc=$?"; findmnt -n -o OPTIONS /k/m'
mount -o remount,relatime /proc
