mkdir -p /mnt
mount -t tmpfs -o size=1m,mode=750,uid=3 tmpfs /mnt
mount -o remount,size=2m /mnt; echo "grow $?"
findmnt -n -o FS-OPTIONS /mnt
mount -o remount,size=512k /mnt; echo "shrink $?"
findmnt -n -o FS-OPTIONS /mnt
mount -o remount,nr_inodes=20 /mnt; echo "nr_inodes $?"
mount -o remount,mode=700 /mnt; echo "mode (ignored on remount) $?"
stat -c '%a %u' /mnt
cat /proc/self/mountinfo
