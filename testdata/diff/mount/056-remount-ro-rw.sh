mkdir -p /mnt
mount -t tmpfs -o size=1m tmpfs /mnt
echo x > /mnt/f
mount -o remount,ro /mnt; echo "ro $?"
echo y >> /mnt/f; echo "write $?"
rm /mnt/f; echo "rm $?"
cat /mnt/f
cat /proc/self/mountinfo
mount -o remount,rw /mnt; echo "rw $?"
echo y >> /mnt/f; echo "write $?"
cat /mnt/f
cat /proc/self/mountinfo
