# sharedsubtree.rst 2a
mkdir -p /mnt /tmp2
mount -t tmpfs tmpfs /mnt
mkdir /mnt/a /mnt/b /mnt/c
mount --make-shared /mnt
mount --bind /mnt /tmp2
ls /mnt
ls /tmp2
mount -t tmpfs sd0 /tmp2/a
touch /tmp2/a/t1 /tmp2/a/t2 /tmp2/a/t3
ls /tmp2/a
ls /mnt/a
mount -t tmpfs sd1 /mnt/b
touch /mnt/b/s1
ls /tmp2/b
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE,PROPAGATION /tmp2
