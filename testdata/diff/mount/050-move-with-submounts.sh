mkdir /a /b
mount -t tmpfs top /a
mkdir /a/x /a/y
mount -t tmpfs x /a/x
mount -t tmpfs y /a/y
mkdir /a/x/z
mount -t tmpfs z /a/x/z
mount -n --move /a /b; echo "move tree $?"
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE /b
mountpoint /a
