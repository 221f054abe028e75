# mkfs.ext4's images against the host's mke2fs 1.47.0 with the same
# UUID, hash seed and time (E2FSPROGS_FAKE_TIME): the md5 of the whole
# image is printed with each superblock copy's s_kbytes_written (and so
# its checksum) zeroed, as mke2fs counts those bytes from its I/O
# layer's cache; everything else (geometry, bitmaps and their
# checksums, descriptors, inodes, directories, the resize inode, the
# journal) must be byte for byte the same. One group and two with 1k
# blocks, 4k blocks, and option sets (-N, -I, -m, -L, -O edits, -J,
# root_owner, gdt_csum without metadata_csum).
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1000000000
# sum IMG: the md5 with the count and checksum of every superblock copy
# zeroed (copies sit at 1024 + n * 8 MiB with 1k blocks).
sum() {
	size=$(stat -c %s "$1"); o=1024
	cp "$1" masked
	while [ $o -lt $size ]; do
		dd if=/dev/zero of=masked bs=1 seek=$((o + 376)) count=8 conv=notrunc status=none
		dd if=/dev/zero of=masked bs=1 seek=$((o + 1020)) count=4 conv=notrunc status=none
		o=$((o + 8388608))
	done
	md5sum < masked
}
seed=11111111-2222-3333-4444-555555555556
truncate -s 8M a1; mkfs.ext4 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=$seed a1; echo "a1 $?"; sum a1
truncate -s 17M a2; mkfs.ext4 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=$seed a2; echo "a2 $?"; sum a2
truncate -s 16M a3; mkfs.ext4 -q -b 4096 -U 11111111-2222-3333-4444-555555555555 -E hash_seed=$seed a3; echo "a3 $?"; sum a3
truncate -s 12M a4; mkfs.ext4 -q -N 600 -I 128 -m 1 -L data -O ^flex_bg,^64bit -J size=2 -U 21111111-2222-3333-4444-555555555555 -E root_owner=1000:100,hash_seed=$seed a4; echo "a4 $?"; sum a4
truncate -s 9M a5; mke2fs -q -t ext4 -O ^metadata_csum,uninit_bg,^has_journal -U 31111111-2222-3333-4444-555555555555 -E hash_seed=$seed a5; echo "a5 $?"; sum a5
truncate -s 40M a6; mkfs.ext4 -q -T huge -U 41111111-2222-3333-4444-555555555555 -E hash_seed=$seed a6; echo "a6 $?"; sum a6
# The counts themselves differ a little: only that there is one shows.
od -A n -t u4 -j 1400 -N 4 a1 | awk '{ print ($1 > 0) }'
