# mkfs.ext4 on a loop device: the discard goes through BLKDISCARD (a
# hole punched in the backing file), the same lines are printed as for
# a file, the filesystem mounts from the device, and a second mkfs
# while it is mounted is refused ("is mounted; will not make a
# filesystem here!", status 1). The image through the device equals the
# one made on a file but for the inode tables' ITABLE_ZEROED flags
# (a discarded device is not known to read back zeros): kbcmp counts
# only those descriptor bytes, the same on both sides.
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1000000000
truncate -s 32M back
d=$(losetup -f --show back); echo "losetup $?"
u() { sed 's/[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}/UUID/'; }
mkfs.ext4 -U 11111111-2222-3333-4444-555555555555 -E hash_seed=11111111-2222-3333-4444-555555555556 "$d" 2>&1 | u
mkdir /m; mount "$d" /m; echo "mount $?"
df /m | sed 1d
mkfs.ext4 "$d"; echo "status $?"
mkfs.ext4 -q -F "$d"; echo "status $?"
umount /m
losetup -d "$d"
truncate -s 32M file
mkfs.ext4 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=11111111-2222-3333-4444-555555555556 file
cmp -l back file | awk '{ o = $1 - 1 - 1024; r = o % 8388608
	if (o >= 0 && ((r >= 376 && r < 384) || (r >= 1020 && r < 1024))) next; n++ }
	END { print n + 0 }'
