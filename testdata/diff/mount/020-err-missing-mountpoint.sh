mount -t tmpfs tmpfs /nosuch; echo "missing $?"
mount -t tmpfs tmpfs /nosuch/deeper; echo "missing parent $?"
mkdir /d
mount -t tmpfs tmpfs /d/; echo "trailing slash ok $?"
mount -t tmpfs tmpfs /d/x/; echo "missing trailing $?"
ln -s /nowhere /dangling
mount -t tmpfs tmpfs /dangling; echo "dangling symlink $?"
cat /proc/self/mountinfo
