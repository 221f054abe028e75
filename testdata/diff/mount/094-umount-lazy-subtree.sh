mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a /mnt/b
mount -t tmpfs a /mnt/a
mount -t tmpfs b /mnt/b
cd /mnt/a
umount -l /mnt; echo "lazy with cwd and children $?"
pwd
ls
cd /
cat /proc/self/mountinfo
mountpoint /mnt
