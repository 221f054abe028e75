# sharedsubtree.rst 2d
mkdir -p /mnt /tmp2
mount -t tmpfs tmpfs /mnt
mount --make-unbindable /mnt; echo "make-unbindable $?"
mount --bind /mnt /tmp2; echo "bind $?"
mount --rbind /mnt /tmp2; echo "rbind $?"
mkdir /mnt/sub
mount --bind /mnt/sub /tmp2; echo "bind of a subdirectory $?"
cat /proc/self/mountinfo
