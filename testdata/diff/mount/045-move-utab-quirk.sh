# util-linux updates /run/mount/utab on --move; there is no /run here.
mkdir /a /b /c
mount -t tmpfs tmpfs /a
mount --move /a /b; echo "move without /run $?"
mount -n --move /b /c; echo "move -n $?"
mkdir /run
mount --move /c /a; echo "move with /run $?"
ls -a /run /run/mount
cat /proc/self/mountinfo
