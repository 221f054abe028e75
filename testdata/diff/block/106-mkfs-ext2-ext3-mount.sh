# ext2 and ext3 made by mkfs.ext2/mkfs.ext3 (and mke2fs -T, -b, -m, -N)
# mounted through loop devices: the kernel's counts (df, df -i, stat -f)
# equal the host's, the type mount detects, the root's listing, and a
# write read back after a remount.
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1000000000
mkdir /m
try() {
	mount -o loop "$1" /m; echo "mount $?"
	findmnt -no FSTYPE /m
	df /m | sed 1d
	df -i /m | sed 1d
	stat -f -c '%T %b %f %a %c %d %S %l' /m
	ls -l /m
	echo data > /m/f; umount /m
	mount -o loop "$1" /m; cat /m/f; umount /m
}
truncate -s 20M e2; mkfs.ext2 -q e2; try e2
truncate -s 40M e3; mkfs.ext3 -q e3; try e3
truncate -s 700M e3big; mkfs.ext3 -q e3big; try e3big
truncate -s 30M n; mke2fs -q -t ext4 -T news -m 0 n; try n
truncate -s 30M k; mke2fs -q -t ext4 -b 4096 -N 5000 k; try k
