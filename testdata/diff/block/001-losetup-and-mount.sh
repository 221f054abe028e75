# A squashfs image on a loop device: losetup, mount, read, umount, detach.
# The image (internal/testimage, sample) holds d/hello and top.
mkdir /w; mount -t tmpfs w /w # a fresh tmpfs: the image inode is 2 on both sides
base64 -d > /w/img <<'EOF'
aHNxcwQAAAAlfZNlABAAAAEAAAABAAwAiwMBAAQAAAAAAAAAAAAAAG8RAAAAAAAAZxEAAAAAAAD/
/////////2AQAAAAAAAA4hAAAAAAAAAvEQAAAAAAAFkRAAAAAAAAaGVsbG8KdG9wIGZpbGUK
EOF
head -c 4081 /dev/zero >> /w/img
base64 -d >> /w/img <<'EOF'
gIABAMABAAAAACV9k2UBAAAAAAAAAAAAAAAjAAAAAAAAAAEA7QEAAAAAJX2TZQIAAAAAAAAAAAAA
ABwAIAAAAAAAAgCkAQAAAAAlfZNlAwAAAGAAAAAAAAAAAAAAAAYAAAACAKQBAAAAACV9k2UEAAAA
YAAAAAAAAAAGAAAACQAAADmAAQAAAAAAAAAAAAAAIAACAAEAAABkYAAEAAIAAgB0b3AAAAAAAAAA
AAAAAABAAAMAAgAEAGhlbGxvEIBgAAAAAAAAAA8AAAEAAAAAHREAAAAAAAAggAAAAAAAAAAAAAAA
AAAAIAAAAAAAAABAAAAAAAAAAGAANxEAAAAAAAAEgAAAAABhEQ==
EOF
truncate -s 8192 /w/img
dev=$(losetup -f --show /w/img); echo "losetup $?"
losetup -a
mkdir /a
mount -t squashfs "$dev" /a; echo "mount $?"
ls -li /a /a/d
cat /a/top /a/d/hello
stat -c '%n %s %h %a %u %g %Y %t:%T %b %B %o' /a /a/d /a/top
stat -f -c '%T %b %f %a %c %d %s %S %l' /a
cat /proc/self/mountinfo
findmnt -o TARGET,SOURCE,FSTYPE,OPTIONS,MAJ:MIN /a
echo x > /a/new; echo "write $?"
umount /a; echo "umount $?"
losetup -d "$dev"; echo "detach $?"
losetup -a
