# Mounting on the root of a shared mount puts the copies on the roots of
# all its peers.
mkdir /a /b
mount -t tmpfs A /a
mount --make-shared /a
mount --bind /a /b
mount -t tmpfs top /a; echo "mount on shared root $?"
touch /a/onlytop
ls /b
cat /proc/self/mountinfo
umount /b; echo "umount peer top $?"
cat /proc/self/mountinfo
