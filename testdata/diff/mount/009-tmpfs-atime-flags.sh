mkdir /a /b /c /d /e /f
mount -t tmpfs -o noatime tmpfs /a
mount -t tmpfs -o nodiratime tmpfs /b
mount -t tmpfs -o strictatime tmpfs /c
mount -t tmpfs -o relatime tmpfs /d
mount -t tmpfs -o noatime,nodiratime tmpfs /e
mount -t tmpfs -o strictatime,nodiratime tmpfs /f
cat /proc/self/mountinfo
echo "== remount /a strictatime, /c noatime"
mount -o remount,strictatime /a; echo "a $?"
mount -o remount,noatime /c; echo "c $?"
cat /proc/self/mountinfo
