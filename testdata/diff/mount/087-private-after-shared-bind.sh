mkdir /a /b
mount -t tmpfs A /a
mkdir /a/x /a/y
mount --make-shared /a
mount --bind /a /b
mount --make-private /b; echo "private $?"
mount -t tmpfs X /a/x
mount -t tmpfs Y /b/y
ls /b/x /a/y
cat /proc/self/mountinfo
