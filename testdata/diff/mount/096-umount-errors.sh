mkdir -p /d/sub /mnt
touch /f
umount /d; echo "not mounted $?"
umount /nosuch; echo "missing $?"
umount /f; echo "file $?"
mount -t tmpfs tmpfs /mnt
mkdir /mnt/sub
umount /mnt/sub; echo "not a mount root $?"
umount /mnt/nosuch; echo "missing under mount $?"
umount; echo "no argument $?"
cat /proc/self/mountinfo
