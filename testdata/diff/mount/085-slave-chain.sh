mkdir /a /b /c
mount -t tmpfs A /a
mkdir /a/x /a/y /a/z
mount --make-shared /a
mount --bind /a /b
mount --make-slave /b
mount --make-shared /b
mount --bind /b /c
mount --make-slave /c
mount -t tmpfs X /a/x
mount -t tmpfs Y /b/y
mount -t tmpfs Z /c/z
cat /proc/self/mountinfo
findmnt -o TARGET,SOURCE,PROPAGATION -t tmpfs
