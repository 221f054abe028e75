# e2label on an image mkfs.ext4 made: the empty label, a label
# set (the superblock and every copy rewritten with the write time and
# checksum: the md5 covers all of it but mke2fs's byte count), one too long (truncated with a
# warning), an empty one, and the errors: a missing file, a file with no
# ext2 magic, a directory, bad usage.
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1000000000
truncate -s 20M base; mkfs.ext4 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=11111111-2222-3333-4444-555555555556 base
truncate -s 9M base2; mkfs.ext2 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=11111111-2222-3333-4444-555555555556 base2
# sum IMG: the md5 with each superblock copy's s_kbytes_written (which
# mke2fs counts from its cache) and checksum zeroed.
sum() {
	cp "$1" masked
	for o in 1024 8389632; do
		dd if=/dev/zero of=masked bs=1 seek=$((o + 376)) count=8 conv=notrunc status=none
		dd if=/dev/zero of=masked bs=1 seek=$((o + 1020)) count=4 conv=notrunc status=none
	done
	md5sum < masked
}
export E2FSPROGS_FAKE_TIME=1000000500
cp base l; e2label l; echo "status $?"
e2label l newlabel; echo "status $?"
e2label l; sum l
e2label l 12345678901234567890; echo "status $?"
e2label l; sum l
e2label l ""; e2label l | od -c
cp base2 l2; e2label l2 two; e2label l2; md5sum < l2
e2label nofile; echo "status $?"
truncate -s 1M z; e2label z; echo "status $?"
e2label /w; echo "status $?"
e2label; echo "status $?"
e2label l a b; echo "status $?"
mkfs.ext4 -q -L fromtool l; e2label l
# A mounted filesystem's label goes through the FS_IOC_SETFSLABEL and
# FS_IOC_GETFSLABEL ioctls on its mount point and survives writes and
# the umount; a read-only mount is written on the device.
mkdir /m; mount -o loop l /m; d=$(findmnt -no SOURCE /m)
e2label "$d" mountedlabel; echo "status $?"
e2label "$d"
e2label "$d" 12345678901234567890; echo "status $?"; e2label "$d"
touch /m/x; sync
mount -o remount,ro /m; e2label "$d" rolabel; echo "status $?"; e2label "$d"
umount /m; e2label l
mount -o loop l /m; d=$(findmnt -no SOURCE /m); e2label "$d" again; touch /m/y; umount /m; e2label l
