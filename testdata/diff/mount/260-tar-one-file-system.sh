# Archiving a directory with mounts below it, as when a container's root
# is saved: tar --one-file-system stores a mount point as an empty
# directory (saying so with -v), an operand that is a mount point whole;
# without the option, tar goes through the mounts.
mount -t tmpfs top /mnt; mkdir -p /mnt/c/etc /mnt/c/d /tmp/h
echo pw > /tmp/h/passwd; echo f > /mnt/c/file
mount --bind /tmp/h /mnt/c/etc
mkdir /mnt/c/etc/sub
cd /mnt
tar -cf /tmp/a.tar --one-file-system c; echo "one-file-system $?"
tar -tf /tmp/a.tar
tar -cvf /tmp/b.tar --one-file-system c 2>&1; echo "verbose $?"
tar -cf /tmp/c.tar --one-file-system c/etc; echo "operand on the mount $?"
tar -tf /tmp/c.tar
tar -cf - c | tar -tf -; echo "without $?"
