mkdir /a
mount -t tmpfs A /a
mkdir -p /a/x/y
mount -n --move /a /a/x; echo "into itself $?"
mount -t tmpfs X /a/x
mkdir /a/x/y
mount -n --move /a /a/x/y; echo "into a submount $?"
mount -n --move /a/x /a/x/y; echo "child into itself $?"
cat /proc/self/mountinfo
