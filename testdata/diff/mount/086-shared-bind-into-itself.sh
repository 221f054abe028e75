mkdir /a
mount -t tmpfs A /a
mkdir /a/x /a/y
mount --make-shared /a
mount --bind /a /a/x; echo "bind into itself $?"
cat /proc/self/mountinfo
mount -t tmpfs Y /a/y
echo "== after mounting on y"
cat /proc/self/mountinfo
