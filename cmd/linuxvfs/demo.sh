# The linuxvfs demo: every command below runs inside this process, on a
# freshly booted virtual Linux kernel (a tmpfs root with /proc, /dev, /tmp
# and /run). The host's files and mounts are never touched.
echo '== files'
mkdir -p /demo/docs
echo 'hello from linuxvfs' > /demo/docs/hello.txt
ln -s docs/hello.txt /demo/link
cat /demo/link
mkdir /demo/docs || echo "mkdir failed with status $?, as on Linux"
ls -l /demo

echo '== mounts and propagation'
mkdir -p /mnt/a /mnt/b
mount -t tmpfs -o size=1m,mode=700 shared /mnt/a
mount --make-shared /mnt/a
mount --bind /mnt/a /mnt/b
mkdir /mnt/a/sub
mount -t tmpfs inner /mnt/a/sub
findmnt -o TARGET,SOURCE,FSTYPE,OPTIONS,PROPAGATION

echo '== a private copy of the namespace'
unshare -m --propagation private sh -c 'umount /mnt/b/sub; findmnt -n -o TARGET /mnt/b/sub || echo "gone in the new namespace"'
findmnt -n -o TARGET /mnt/b/sub

echo '== /proc/self/mountinfo'
cat /proc/self/mountinfo
