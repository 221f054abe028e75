# sharedsubtree.rst 6A
mkdir -p /mnt /tmp2
mkdir /mnt/1
mount --bind /mnt /mnt
mount --make-shared /mnt
mount --bind /mnt /tmp2
mount -n --move /tmp2 /mnt/1; echo "move $?"
ls /mnt /mnt/1 /mnt/1/1
cat /proc/self/mountinfo
findmnt -R -o TARGET,PROPAGATION /mnt
