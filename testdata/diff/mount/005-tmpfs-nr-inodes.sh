mkdir -p /mnt
mount -t tmpfs -o nr_inodes=4 tmpfs /mnt; echo "mount $?"
touch /mnt/a; echo "a $?"
mkdir /mnt/d; echo "d $?"
touch /mnt/b; echo "b $?"
touch /mnt/c; echo "c $?"
ln -s a /mnt/l; echo "symlink $?"
ln /mnt/a /mnt/hard; echo "hardlink $?"
ls /mnt
cat /proc/self/mountinfo
