# sharedsubtree.rst 2b
mkdir -p /mnt /tmp2
mount -t tmpfs tmpfs /mnt
mkdir /mnt/a /mnt/b
mount --make-shared /mnt
mount --bind /mnt /tmp2
mount --make-slave /tmp2; echo "make-slave $?"
mount -t tmpfs sd0 /mnt/a
touch /mnt/a/t1 /mnt/a/t2 /mnt/a/t3
ls /mnt/a
ls /tmp2/a
echo "== master mounted on /mnt/a"
cat /proc/self/mountinfo
mount -t tmpfs sd1 /tmp2/b
touch /tmp2/b/s1 /tmp2/b/s2 /tmp2/b/s3
ls /tmp2/b
ls /mnt/b
echo "== slave mounted on /tmp2/b"
cat /proc/self/mountinfo
