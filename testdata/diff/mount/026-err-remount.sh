mkdir -p /d /mnt
mount -o remount /d; echo "remount non-mount $?"
mount -o remount /nosuch; echo "remount missing $?"
mount -t tmpfs -o size=1m tmpfs /mnt
mount -o remount,size=bad /mnt; echo "bad size $?"
mount -o remount,bogus /mnt; echo "bogus $?"
mount -o remount,bind,ro /d; echo "bind remount non-mount $?"
cat /proc/self/mountinfo
