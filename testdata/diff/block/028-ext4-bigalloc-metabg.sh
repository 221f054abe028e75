# Clusters of 16 blocks (bigalloc), group descriptors in meta groups
# (meta_bg), descriptors without the 64bit feature: statfs counts in
# clusters' blocks; the tree reads the same.
mkdir /w; mount -t tmpfs w /w
@mkext /w/big ext4 16M small -O bigalloc,^resize_inode -C 16384
@mkext /w/meta ext4 16M small -O meta_bg,^resize_inode,^64bit
mkdir /a
for img in big meta; do
	mount -o ro /w/$img /a; echo "$img: $?"
	find /a -exec stat -c '%n %i %f %h %s %b' {} +
	md5sum /a/two-blocks
	stat -f -c '%b %f %a %c %d %s %S' /a
	umount /a
done
