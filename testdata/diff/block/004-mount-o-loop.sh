# mount -o loop sets up a loop device with autoclear: it goes with the
# last umount.
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
mkdir /a /b
mount -o loop /w/img /a; echo "loop $?"
findmnt -no SOURCE,FSTYPE /a
losetup -l -n -O NAME,AUTOCLEAR,RO,BACK-FILE
mount -t squashfs /w/img /b; echo "typed file $?"
findmnt -no SOURCE,FSTYPE /b
umount /a; umount /b
losetup -a; echo "after $?"
