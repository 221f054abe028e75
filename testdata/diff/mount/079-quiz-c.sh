# sharedsubtree.rst 6C
mkdir -p /mnt /tmp2 /tmp1 /bin2
mount --bind /mnt /mnt
mount --make-shared /mnt
mkdir -p /mnt/1/2/3 /mnt/1/test
mount --bind /mnt/1 /tmp2
mount --make-slave /mnt
mount --make-shared /mnt
mount --bind /mnt/1/2 /tmp1
mount --make-slave /mnt
echo "== A at /tmp2, B at /tmp1, C at /mnt"
cat /proc/self/mountinfo
touch /bin2/marker
mount --bind /bin2 /tmp2/test; echo "bind on A $?"
ls /mnt/1/test
echo "== after mounting on A"
cat /proc/self/mountinfo
