# findmnt's tree orders the children of a mount by mount ID; mountinfo and
# findmnt -l follow mount order. A new mount takes the lowest free ID.
mkdir /a /b /c /d /e
mount -t tmpfs A /a
mount -t tmpfs B /b
mount -t tmpfs C /c
umount /a
mount -t tmpfs D /d
mkdir /b/x /b/y
mount -t tmpfs X /b/x
mount -t tmpfs Y /b/y
umount /b/x
umount /c
mount -t tmpfs E /e
mount -t tmpfs X2 /b/x
cat /proc/self/mountinfo
findmnt -t tmpfs
findmnt -l -t tmpfs
