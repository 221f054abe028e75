mkdir -p /mnt
mount -t tmpfs -o ro tmpfs /mnt; echo "mount $?"
touch /mnt/f; echo "touch $?"
mkdir /mnt/d; echo "mkdir $?"
echo x > /mnt/g; echo "redirect $?"
cat /proc/self/mountinfo
mount -o remount,rw /mnt; echo "remount rw $?"
touch /mnt/f; echo "touch $?"
ls /mnt
cat /proc/self/mountinfo
