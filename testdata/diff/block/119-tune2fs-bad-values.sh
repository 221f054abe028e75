# tune2fs's complaints about values (the first line; the usage that
# follows is ours) and the checks made once the filesystem is open: a
# reserve beyond half the blocks, an interval beyond 32 bits. Nothing
# is written then: the image's md5 stays.
# host-tools: tune2fs
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1700000000
truncate -s 8M a
mkfs.ext4 -q -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 a
before=$(md5sum < a)
for o in "-c 17000" "-c -16001" "-c abc" "-C x" "-C 16001" "-i 10x" "-i 5h" "-m 60" "-m x" "-e foo" "-r abc"; do
	tune2fs $o a 2>&1 >/dev/null | head -1; echo "status $?"
done
tune2fs -r 4097 a; echo "tune2fs $?"
tune2fs -i 2000000 a; echo "tune2fs $?"
[ "$(md5sum < a)" = "$before" ] && echo unchanged
tune2fs -r 4096 -c -5 -C -1 -m 1e1 -i 1W a; echo "tune2fs $?"
