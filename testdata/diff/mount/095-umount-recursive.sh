mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a /mnt/b
mount -t tmpfs a /mnt/a
mount -t tmpfs b /mnt/b
mkdir /mnt/a/c
mount -t tmpfs c /mnt/a/c
umount -R /mnt; echo "umount -R $?"
cat /proc/self/mountinfo
umount -R /mnt; echo "umount -R again $?"
mkdir /d
umount -R /d; echo "umount -R non-mount $?"
