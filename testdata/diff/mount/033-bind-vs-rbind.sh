mkdir /a /b /c
mount -t tmpfs A /a
mkdir /a/x /a/y
mount -t tmpfs X /a/x
mkdir /a/x/z
mount -t tmpfs Z /a/x/z
echo inx > /a/x/z/f
mount --bind /a /b; echo "bind $?"
mount --rbind /a /c; echo "rbind $?"
ls /b/x
cat /c/x/z/f
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE /c
