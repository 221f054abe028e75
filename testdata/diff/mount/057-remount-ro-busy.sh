mkdir -p /mnt
mount -t tmpfs tmpfs /mnt
exec 3>/mnt/f
mount -o remount,ro /mnt; echo "writer open $?"
exec 3>&-
exec 3</mnt/f
mount -o remount,ro /mnt; echo "reader open $?"
exec 3<&-
cat /proc/self/mountinfo
mount -o remount,rw /mnt; echo "rw $?"
exec 5>>/mnt/g
mount -o remount,ro /mnt; echo "appender open $?"
exec 5>&-
mount -o remount,ro /mnt; echo "closed $?"
cat /proc/self/mountinfo
