# f_fsid (stat -f %i): since Linux 6.7 a tmpfs superblock (and a kernfs
# one: sysfs, cgroup2) has a random UUID, folded into its fsid, where
# ramfs and proc still give their device number. The values are random,
# so what is compared is how they relate: one per superblock, the same
# through a bind mount, device-shaped only for ramfs and proc.
mkdir /a /b /c /r
mount -t tmpfs a /a
mount -t tmpfs b /b
mount --bind /a /c
mount -t ramfs r /r
ia=$(stat -f -c %i /a); ib=$(stat -f -c %i /b); ic=$(stat -f -c %i /c)
[ "$ia" != "$ib" ] && echo "two tmpfs differ"
[ "$ia" = "$ic" ] && echo "bind shares"
devshape() { case $1 in *00000000) echo "$2 device-shaped";; *) echo "$2 random";; esac; }
devshape "$ia" tmpfs
devshape "$(stat -f -c %i /r)" ramfs
devshape "$(stat -f -c %i /proc)" proc
devshape "$(stat -f -c %i /sys)" sysfs
[ "$(printf %x "$(stat -c %d /r)")00000000" = "$(stat -f -c %i /r)" ] && echo "ramfs fsid is its device"
umount /a /b /c /r
