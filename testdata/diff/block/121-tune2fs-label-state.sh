# The listing after e2label and tune2fs -L (the volume name line), after
# tune2fs -e (errors behavior), and on ext2 and ext3 images whose
# label was set by mkfs -L; dumpe2fs -h's trailing empty line and the
# journal lines of ext3's block-mapped journal; tune2fs -U on ext2.
# host-tools: dumpe2fs
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1700000000
mask() { sed -e 's/^\(Lifetime writes: *\).*/\1X/' -e 's/^\(Checksum: *\).*/\1X/'; }
truncate -s 20M a b
mkfs.ext4 -q -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 a
mkfs.ext3 -q -L three -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 b
export E2FSPROGS_FAKE_TIME=1700000900
e2label a first; tune2fs -l a | grep -e 'volume name' -e 'write time'
tune2fs -L second -e remount-ro a; echo "tune2fs $?"
dumpe2fs -h a 2>/dev/null | grep -e 'volume name' -e 'Errors' -e 'write time'
dumpe2fs -h b | mask | tail -12
e2label b ""; tune2fs -l b | head -3
# -U on ext2, which has no checksums: the UUID in every superblock copy
# (the whole image's md5 agrees: ext2's mke2fs counts no writes), a bad
# one refused, and cleared.
truncate -s 30M c
mkfs.ext2 -q -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 c
md5sum < c
E2FSPROGS_FAKE_TIME=1700000100 tune2fs -U 22222222-3333-4444-5555-666666666666 -c 3 c; echo "tune2fs $?"
md5sum < c
tune2fs -U nonsense c; echo "tune2fs $?"
E2FSPROGS_FAKE_TIME=1700000200 tune2fs -U clear c; echo "tune2fs $?"
md5sum < c; tune2fs -l c | grep UUID
