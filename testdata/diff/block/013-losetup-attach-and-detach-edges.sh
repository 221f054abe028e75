# losetup's attachments at the edges: what cannot back a device, empty
# names, sizes that are no whole sector, a file only readable (on a
# read-only mount), names the driver cannot keep whole (a '*' marks the
# 63rd byte), and -d with operands that are no loop device. Devices of
# size 0 are in no listing, so -D leaves them: they are detached by name.
mkdir /w; mount -t tmpfs w /w
mkdir /w/dir
head -c 1000 /dev/zero > /w/small
head -c 300 /dev/zero > /w/tiny
head -c 4096 /dev/zero > /w/g
losetup -f --show /w/dir; echo "directory $?"
losetup -f --show /dev/null; echo "char device $?"
losetup -f --show /w/missing; echo "missing $?"
losetup -f ""; echo "empty file $?"
n=$(losetup -f)
losetup "$n" ""; echo "empty file, named $?"
losetup -f /w/g /w/small; echo "two files $?"
s=$(losetup -f --show /w/small); echo "small $?"
t=$(losetup -f --show /w/tiny); echo "tiny $?"
o=$(losetup -f --show -o 3800 /w/g); echo "offset near the end $?"
l=$(losetup -f --show --sizelimit 1000 /w/g); echo "odd limit $?"
losetup -l -n -O SIZELIMIT,OFFSET,BACK-FILE
losetup -d "$s" /dev/null "$t"; echo "detach with a char device $?"
losetup -d "$o" /w/g; echo "detach with a file $?"
losetup -d "$t"; echo "detached already $?"
losetup -D; echo "detach all $?"
n=$(losetup -f)
losetup --show "$n" /w/g; echo "named --show $?"
p62=/w/$(printf 'a%.0s' $(seq 59)); p63=/w/$(printf 'b%.0s' $(seq 60)); p61=/w/$(printf 'c%.0s' $(seq 58))
for p in $p61 $p62 $p63; do cp /w/g $p; losetup -f $p; done
losetup -l -n -O BACK-FILE
losetup -D
mkdir /ro; mount -t tmpfs ro /ro; cp /w/g /ro/img; mount -o remount,ro /ro
r=$(losetup -f --show /ro/img); echo "read-only mount $?"
losetup -l -n -O RO,BACK-FILE
losetup -D; echo "detach all $?"
losetup -a; echo "left $?"
