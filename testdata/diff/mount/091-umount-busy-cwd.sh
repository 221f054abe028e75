mkdir -p /mnt
mount -t tmpfs tmpfs /mnt
mkdir /mnt/x
cd /mnt/x && umount /mnt; echo "cwd inside $?"
pwd
cd /mnt && umount /mnt; echo "cwd at root $?"
cd /
umount /mnt; echo "cwd outside $?"
cat /proc/self/mountinfo
