mkdir /a /b
mount -t tmpfs tmpfs /a
mount --bind /a /b
exec 4>/a/open
mount -o remount,bind,ro /b; echo "bind ro other mount $?"
mount -o remount,bind,ro /a; echo "bind ro writer mount $?"
mount -o remount,ro /b; echo "sb ro $?"
exec 4>&-
mount -o remount,bind,ro /a; echo "after close $?"
cat /proc/self/mountinfo
