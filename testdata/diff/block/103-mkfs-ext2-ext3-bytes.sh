# mkfs.ext2, mkfs.ext3 and mke2fs's images against the host's mke2fs
# 1.47.0 with the same UUID, hash seed and time: ext2 and ext3 keep
# s_kbytes_written 0, so the md5 of the whole image must be the same.
# One group and several, 2k and 4k blocks, a block-mapped journal with
# its indirect blocks, -N, -I, -m, -L, -T, -j and -J size=.
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1000000000
seed=11111111-2222-3333-4444-555555555556
truncate -s 8M a1; mkfs.ext2 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=$seed a1; echo "a1 $?"; md5sum < a1
truncate -s 17M a2; mkfs.ext3 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=$seed a2; echo "a2 $?"; md5sum < a2
truncate -s 16M a3; mkfs.ext3 -q -b 2048 -J size=4 -U 11111111-2222-3333-4444-555555555555 -E hash_seed=$seed a3; echo "a3 $?"; md5sum < a3
truncate -s 10M a4; mke2fs -q -N 700 -I 128 -m 2 -L old -T news -U 21111111-2222-3333-4444-555555555555 -E hash_seed=$seed a4; echo "a4 $?"; md5sum < a4
truncate -s 300M a5; mke2fs -q -j -b 4096 -U 31111111-2222-3333-4444-555555555555 -E hash_seed=$seed a5; echo "a5 $?"; md5sum < a5
truncate -s 64M a6; mkfs.ext3 -q -U 41111111-2222-3333-4444-555555555555 -E hash_seed=$seed a6; echo "a6 $?"; md5sum < a6
