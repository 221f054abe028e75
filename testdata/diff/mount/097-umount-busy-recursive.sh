mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a
mount -t tmpfs a /mnt/a
cd /mnt/a
umount -R /mnt; echo "umount -R with cwd in child $?"
cd /
cat /proc/self/mountinfo
umount -R /mnt; echo "umount -R $?"
