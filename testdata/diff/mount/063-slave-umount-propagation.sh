mkdir /m /s
mount -t tmpfs M /m
mkdir /m/x /m/y
mount --make-shared /m
mount --bind /m /s
mount --make-slave /s
mount -t tmpfs X /m/x
mount -t tmpfs Y /m/y
echo "== received both"
cat /proc/self/mountinfo
umount /s/x; echo "umount on the slave $?"
echo "== master still has x"
cat /proc/self/mountinfo
umount /m/y; echo "umount on the master $?"
echo "== slave lost y"
cat /proc/self/mountinfo
