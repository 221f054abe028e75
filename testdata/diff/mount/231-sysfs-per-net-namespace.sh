# kerneltest: switch-root
# sysfs belongs to a network namespace: a mount from the initial one shows
# the same superblock as /sys, a mount from a new one a superblock of its
# own, shared by the mounts made there. In a user namespace sysfs may be
# mounted only when the network namespace is owned by it (unshare -n too).
unshare -m sh -c 'mount -t sysfs s /mnt; [ $(stat -c %d /sys) = $(stat -c %d /mnt) ] && echo "initial net: same superblock"'
unshare -mn sh -c 'mount -t sysfs s /mnt; [ $(stat -c %d /sys) != $(stat -c %d /mnt) ] && echo "new net: new superblock"
	mount -t sysfs s2 /tmp; [ $(stat -c %d /mnt) = $(stat -c %d /tmp) ] && echo "new net: one superblock"
	findmnt -n -o FSTYPE,SOURCE,OPTIONS /mnt'
unshare -Urm sh -c 'mount -t sysfs s /mnt; echo "userns, initial net: $?"'
unshare -Urmn sh -c 'mount -t sysfs s /mnt; echo "userns, own net: $?"; findmnt -n -o FSTYPE,SOURCE /mnt'
