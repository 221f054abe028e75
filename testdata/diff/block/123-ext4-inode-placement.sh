# Where a new inode goes on ext2/ext4 images made alike on both sides
# (fixed UUID, hash seed and time): flex_bg packs a flex group's inodes
# at the start of its tables (files and subdirectories in their
# parent's flex group, top-level directories spread over flex groups by
# their name's hash: the 3G image has two), without flex_bg Orlov's
# groups; then df and df -i after the writes, and the numbers after a
# file and a directory are removed and made again.
mkdir -p /w; mount -t tmpfs w /w; cd /w
for spec in "ext4 64M" "ext4 3G" "ext2 200M"; do
	set -- $spec
	rm -f e.img; truncate -s $2 e.img
	E2FSPROGS_FAKE_TIME=1700000000 mkfs.$1 -q -U 11111111-2222-3333-4444-555555555555 \
		-E hash_seed=11111111-2222-3333-4444-555555555555 e.img
	mkdir -p /mnt/e; mount -o loop e.img /mnt/e; cd /mnt/e
	mkdir alpha; echo x > alpha/f; mkdir -p alpha/sub/deeper; echo y > alpha/sub/g
	ln alpha/f alpha/hard; ln -s alpha/f sym
	dd if=/dev/zero of=big bs=1k count=300 status=none
	mkdir omega; echo z > omega/f
	ls -i -d * */* */*/* | sort -n | tr -s ' \n' '  '; echo
	rm alpha/sub/g; rmdir alpha/sub/deeper; echo again > alpha/sub/new; mkdir alpha/sub/redo
	stat -c '%n %i' alpha/sub/new alpha/sub/redo
	df /mnt/e | tail -1; df -i /mnt/e | tail -1
	cd /; umount /mnt/e
done
