# Sources that are not usable block devices.
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
mkdir /a /n
mount -t squashfs /dev/null /a; echo "char $?"
mount -t squashfs /nonexistent /a; echo "missing $?"
mount -t squashfs /dev/loop0 /a; echo "unbound $?"
dev=$(losetup -f --show /w/img)
mount --bind /dev /n
mount -o remount,bind,nodev /n
mount -t squashfs /n/${dev#/dev/} /a; echo "nodev $?"
head -c 8192 /dev/zero > /z
zdev=$(losetup -f --show /z)
mount -t squashfs "$zdev" /a; echo "not squashfs $?"
losetup -d "$dev" "$zdev"; echo "detach $?"
cat /proc/self/mountinfo
