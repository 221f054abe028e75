# mount -o loop and the loop devices it finds: an image mounted again
# elsewhere reuses its device, the same target refuses it, a device
# mapping part of it (or loop=DEVICE for a mapped image) is an overlap,
# bad loop options are bad options, a read-write mount over a read-only
# device is retried read-only. losetup --nooverlap takes over a
# mount's autoclear device (which then stays), and umount -d detaches
# a device that has no autoclear.
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
mkdir /a /b /c /d
mount -o loop /w/img /a; echo "first $?"
mount -o loop /w/img /b; echo "second target $?"
mount -o loop /w/img /a; echo "same target $?"
losetup -l -n -O NAME,AUTOCLEAR,RO,OFFSET
findmnt -n -o TARGET,SOURCE /a; findmnt -n -o TARGET,SOURCE /b
mount -o loop,offset=512 /w/img /c; echo "overlap $?"
n=$(losetup -f)
mount -o loop="$n" /w/img /c; echo "named, mapped already $?"
mount -o loop,offset=abc /w/img /c; echo "bad offset $?"
mount -o loop,encryption=xor /w/img /c; echo "encryption $?"
r=$(losetup -L -f --show /w/img); echo "losetup reuse $?"
losetup -l -n -O NAME,AUTOCLEAR
umount /a /b; echo "umount $?"
losetup -l -n -O NAME,AUTOCLEAR,BACK-FILE
cp /w/img /w/img2
mount -o ro,loop /w/img2 /c; echo "ro $?"
losetup -l -n -O AUTOCLEAR,RO,BACK-FILE
mount -o loop,sizelimit=4096 /w/img2 /d; echo "sizelimit overlap $?"
mount -o loop /w/img2 /d; echo "read-write on a read-only device $?"
findmnt -n -o TARGET,SOURCE,VFS-OPTIONS /d | sed 's/loop[0-9]*/loopN/'
umount /c /d
mount -o loop,sizelimit=4096 /w/img2 /d; echo "sizelimit $?"
losetup -l -n -O AUTOCLEAR,RO,SIZELIMIT,BACK-FILE
mount "$r" /a; echo "mount the device $?"
umount -d /a; echo "umount -d $?"
losetup -a; echo "left $?"
