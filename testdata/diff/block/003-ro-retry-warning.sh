# squashfs makes its superblock read-only whatever the mount asks; a second
# read-write mount would change the RO state (EBUSY), so libmount retries it
# read-only and mount(8) warns.
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
mount "$dev" /a; echo "first $?"
mount "$dev" /b; echo "second $?"
findmnt -o TARGET,VFS-OPTIONS,FS-OPTIONS /a
findmnt -o TARGET,VFS-OPTIONS,FS-OPTIONS /b
umount /a /b
losetup -d "$dev"
