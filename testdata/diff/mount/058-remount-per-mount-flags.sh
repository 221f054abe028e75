mkdir -p /mnt
mount -t tmpfs -o size=1m tmpfs /mnt
mount -o remount,noexec /mnt; echo "noexec $?"
mount -o remount,nosuid,nodev /mnt; echo "nosuid,nodev $?"
cat /proc/self/mountinfo
mount -o remount,exec,suid,dev,noatime /mnt; echo "back $?"
cat /proc/self/mountinfo
mount -o remount,nosymfollow /mnt; echo "nosymfollow $?"
mount -o remount,ro,size=4m /mnt; echo "ro + size $?"
cat /proc/self/mountinfo
