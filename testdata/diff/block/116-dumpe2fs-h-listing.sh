# dumpe2fs -h and tune2fs -l on images mkfs made with everything random
# fixed: ext4 with 1k blocks (one group) and 4k blocks (several groups,
# a 16M journal), ext2 (no journal lines, no checksum), ext3, ext4
# without metadata_csum or flex_bg, with a label and a 1% reserve. The
# group listing of plain dumpe2fs follows each (descriptors, bitmap
# checksums, free ranges; computed for uninitialised groups). The
# lifetime writes (mke2fs counts them from its own cache) and so the
# superblock checksum are masked; the version line goes to stderr for
# dumpe2fs, to stdout for tune2fs.
# host-tools: dumpe2fs
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1700000000
mask() { sed -e 's/^\(Lifetime writes: *\).*/\1X/' -e 's/^\(Checksum: *\).*/\1X/'; }
n=0
for args in "8M -t ext4" "600M -t ext4" "8M -t ext2" "8M -t ext3" "8M -t ext4 -O ^metadata_csum" "8M -t ext4 -O ^flex_bg -L data -m 1"; do
	n=$((n + 1))
	set -- $args
	truncate -s $1 i$n; shift
	mke2fs -q "$@" -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 i$n; echo "mke2fs $?"
	dumpe2fs -h i$n | mask; echo "dumpe2fs $?"
	tune2fs -l i$n | mask; echo "tune2fs $?"
	dumpe2fs i$n 2>/dev/null | sed -n '/^Group 0/,$p'
done
