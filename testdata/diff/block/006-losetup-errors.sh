# losetup's messages and statuses.
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
losetup /dev/loop0 /missing; echo "missing file $?"
losetup -d /dev/loop0; echo "detach unbound $?"
dev=$(losetup -f --show /w/img)
losetup "$dev" /w/img; echo "busy $?"
losetup "$dev"; echo "show $?"
dev2=$(losetup -r -f --show /w/img); echo "second $?"
losetup -l -O NAME,RO,AUTOCLEAR,SIZELIMIT,OFFSET,BACK-FILE
losetup -d "$dev" "$dev2"; echo "detach both $?"
losetup -a; echo "none $?"
