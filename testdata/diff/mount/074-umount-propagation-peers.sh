mkdir /a /b /c
mount -t tmpfs A /a
mkdir /a/x
mount --make-shared /a
mount --bind /a /b
mount --bind /a /c
mount -t tmpfs X /b/x
echo "== on all three"
cat /proc/self/mountinfo
umount /c/x; echo "umount via c $?"
echo "== gone from all three"
cat /proc/self/mountinfo
