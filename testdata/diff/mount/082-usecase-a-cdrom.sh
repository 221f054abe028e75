# sharedsubtree.rst 4A: a cloned namespace still sees the CD mounted later.
mkdir /cdrom
mount --bind /cdrom /cdrom
mount --make-shared /cdrom
unshare -m --propagation unchanged sh -c '
mount -t tmpfs cd /cdrom
echo disc > /cdrom/track
echo "== inside"
cat /proc/self/mountinfo'
echo "== outside"
cat /proc/self/mountinfo
cat /cdrom/track
