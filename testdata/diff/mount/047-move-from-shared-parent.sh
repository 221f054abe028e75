mkdir /p /dst
mount -t tmpfs parent /p
mkdir /p/c
mount -t tmpfs child /p/c
mount --make-shared /p
mount -n --move /p/c /dst; echo "move from shared parent $?"
mount --make-private /p
mount -n --move /p/c /dst; echo "move from private parent $?"
cat /proc/self/mountinfo
