# An empty source is a source: mount(8) passes "", and the kernel shows an
# empty field (a NULL source would be "none").
mkdir /a /b
mount -t tmpfs "" /a; echo "empty $?"
mount -t tmpfs none /b; echo "none $?"
cat /proc/self/mountinfo
findmnt -no SOURCE /a
mount | grep ' /a '
umount /a /b
