# dumpe2fs -h and tune2fs -l on what holds no filesystem: a missing
# file, zeros (bad magic), a file too short for a superblock, a
# directory. dumpe2fs says "Couldn't find valid filesystem superblock."
# on stdout and exits with the error's code (an errno, or the low byte
# of libext2fs's com_err code); tune2fs says it on stderr, but not for a
# bad magic number, and exits 1. And -V. A superblock with no inodes
# per group is corrupt; one whose metadata_csum checksum is wrong is
# refused by tune2fs but listed by dumpe2fs, which then advises e2fsck
# and exits with the error's code.
# host-tools: dumpe2fs
mkdir /w; mount -t tmpfs w /w
cd /w
head -c 100000 /dev/zero > zeros
head -c 100 /dev/zero > short
mkdir dir
for f in missing zeros short dir; do
	dumpe2fs -h $f; echo "dumpe2fs $?"
	tune2fs -l $f; echo "tune2fs $?"
done
dumpe2fs -V; echo "dumpe2fs -V $?"
export E2FSPROGS_FAKE_TIME=1700000000
truncate -s 8M e2 e4
mkfs.ext2 -q -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 e2
mkfs.ext4 -q -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 e4
printf '\0\0\0\0' | dd of=e2 bs=1 seek=$((1024 + 40)) conv=notrunc status=none
dumpe2fs -h e2; echo "dumpe2fs $?"
tune2fs -l e2; echo "tune2fs $?"
printf '\7' | dd of=e4 bs=1 seek=$((1024 + 52)) conv=notrunc status=none
dumpe2fs -h e4 > out; echo "dumpe2fs $?"
grep -e 'Mount count' -e '^$' -e '\*\*\*' out
dumpe2fs e4 > out; echo "dumpe2fs $?"
tail -4 out
tune2fs -l e4; echo "tune2fs $?"
