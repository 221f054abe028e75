# lsblk on loop devices: the default columns, -f, -J, -o, -n, -b, -d, -l,
# -r, -P, -m, device operands, a device mounted twice (MOUNTPOINTS on two
# lines), sorting and the errors. The host has disks of its own, so
# devices are named, or only the loop major is included.
mkdir /w; mount -t tmpfs w /w
base64 -d > /w/img <<'B64'
aHNxcwQAAAAlfZNlABAAAAEAAAABAAwAiwMBAAQAAAAAAAAAAAAAAG8RAAAAAAAAZxEAAAAAAAD/
/////////2AQAAAAAAAA4hAAAAAAAAAvEQAAAAAAAFkRAAAAAAAAaGVsbG8KdG9wIGZpbGUK
B64
head -c 4081 /dev/zero >> /w/img
base64 -d >> /w/img <<'B64'
gIABAMABAAAAACV9k2UBAAAAAAAAAAAAAAAjAAAAAAAAAAEA7QEAAAAAJX2TZQIAAAAAAAAAAAAA
ABwAIAAAAAAAAgCkAQAAAAAlfZNlAwAAAGAAAAAAAAAAAAAAAAYAAAACAKQBAAAAACV9k2UEAAAA
YAAAAAAAAAAGAAAACQAAADmAAQAAAAAAAAAAAAAAIAACAAEAAABkYAAEAAIAAgB0b3AAAAAAAAAA
AAAAAABAAAMAAgAEAGhlbGxvEIBgAAAAAAAAAA8AAAEAAAAAHREAAAAAAAAggAAAAAAAAAAAAAAA
AAAAIAAAAAAAAABAAAAAAAAAAGAANxEAAAAAAAAEgAAAAABhEQ==
B64
truncate -s 8192 /w/img
head -c 3145728 /dev/zero > /w/big
a=$(losetup -f --show /w/img)
b=$(losetup -f --show -r /w/big)
lsblk "$a"; echo "one $?"
lsblk "$b" "$a" "$a"; echo "two $?"
lsblk -I 7; echo "loop major $?"
lsblk -J "$a"
lsblk -f "$a"
mkdir /m1 /m2
mount "$a" /m1 2>/dev/null; mount "$a" /m2 2>/dev/null
lsblk "$a"
lsblk -f "$a"
lsblk -J -f "$a"
lsblk -r "$a"
lsblk -P -o NAME,MAJ:MIN,MOUNTPOINTS,FSUSE% "$a"
lsblk -y -P -o NAME,MAJ:MIN,FSUSE% "$a"
lsblk -o NAME,MOUNTPOINT,FSSIZE,FSUSED,FSAVAIL,FSUSE%,FSROOTS,PATH,KNAME "$a"
lsblk -b -d -n -l "$b" "$a"
lsblk -J -b -o NAME,SIZE,RO,RM,LOG-SEC,ROTA "$b"
lsblk -p -l "$b"
lsblk -m "$a"
lsblk -o +KNAME,TYPE,SUBSYSTEMS,HOTPLUG "$b"
lsblk -x SIZE -o NAME,SIZE,RO "$b" "$a"
lsblk -x NAME -n -o NAME "$b" "$a"
lsblk -E TYPE -o NAME,TYPE "$a" "$b"
umount /m1 /m2
lsblk -o NAME,BOGUS "$a"; echo "bad column $?"
lsblk -x BOGUS "$a"; echo "bad sort $?"
lsblk -J -P "$a"; echo "exclusive $?"
lsblk /w/img; echo "a file $?"
lsblk /dev/null "$a"; echo "some ok $?"
lsblk /nonexistent; echo "missing $?"
losetup -d "$a" "$b"
lsblk "$a"; echo "detached $?"
lsblk -J "$a"; echo "detached json $?"
