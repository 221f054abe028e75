# A block device mounted twice with one filesystem type shares one
# superblock (sget_dev): the same device number and inodes at both places.
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
dev=$(losetup -f --show /w/img)
mkdir /a /b
mount -t squashfs -o ro "$dev" /a; echo "first $?"
mount -t squashfs -o ro "$dev" /b; echo "second $?"
stat -c '%n %i' /a /b /a/top /b/top
[ "$(stat -c %d /a)" = "$(stat -c %d /b)" ] && echo "one device"
cat /proc/self/mountinfo
umount /a
cat /b/d/hello
umount /b
losetup -d "$dev"; echo "detach $?"
