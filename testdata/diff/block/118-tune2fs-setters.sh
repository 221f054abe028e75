# tune2fs's superblock setters on a 600M ext4 image (4k blocks, backup
# superblocks in groups 1 and 3): each says what it sets in tune2fs's
# own order whatever the command line's, the write time is the fake
# time, every superblock copy gets the new fields (dumpe2fs -o is not
# ours, so the copies are compared by md5 with s_kbytes_written and the
# checksum masked), and -l lists last.
# host-tools: tune2fs
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1700000000
mask() { sed -e 's/^\(Lifetime writes: *\).*/\1X/' -e 's/^\(Checksum: *\).*/\1X/'; }
copies() {
	for o in 1024 134217728 402653184; do
		dd if=$1 bs=1024 skip=$((o / 1024)) count=1 status=none > sb
		dd if=/dev/zero of=sb bs=1 seek=376 count=8 conv=notrunc status=none
		dd if=/dev/zero of=sb bs=1 seek=1020 count=4 conv=notrunc status=none
		md5sum < sb
	done
}
truncate -s 600M a
mkfs.ext4 -q -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 a
export E2FSPROGS_FAKE_TIME=1700000500
tune2fs -r 100 -e panic -i 1d -C 3 -c 5 -m 3 a; echo "tune2fs $?"
tune2fs -l a | mask
copies a
tune2fs -c 0 -C -1 -i 3m -e remount-ro a; echo "tune2fs $?"
tune2fs -L abcdefghijklmnopqrstu -i 100s -m 0.5 -l a | mask; echo "tune2fs $?"
copies a
tune2fs -c 20 -i 2w -e continue a; echo "tune2fs $?"
dumpe2fs -h a | mask
