# The reference system's /etc/fstab is Debian's unconfigured one (a
# comment): findmnt -s finds nothing, -x and --verify find no error, and
# mount -a has nothing to mount.
findmnt -s; echo "fstab $?"
findmnt -s -o TARGET,SOURCE -J; echo "json $?"
findmnt -x; echo "verify $?"
findmnt --verify --verbose; echo "verbose $?"
mkdir /m
mount -t tmpfs t /m
findmnt -x /m; echo "verify target $?"
findmnt -s /m; echo "fstab target $?"
mount -a; echo "all $?"
mount -a -v; echo "all verbose $?"
mount /m2; echo "not in fstab $?"
