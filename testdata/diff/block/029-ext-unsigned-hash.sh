# Names with bytes past ASCII hash differently with signed and unsigned
# chars: the superblock's flags say which (mke2fs on x86 writes signed;
# here debugfs makes one unsigned). ls -f shows each image's hash order.
mkdir /w; mount -t tmpfs w /w
@mkext /w/signed ext4 4M small -I 128 -O ^resize_inode
@mkext /w/unsigned ext4 4M small -I 128 -O ^resize_inode
@debugfs ssv flags 2
@mkext /w/tea ext2 4M small -I 128 -O ^resize_inode
@debugfs ssv def_hash_version tea
mkdir /a
for img in signed unsigned tea; do
	mount -o ro /w/$img /a; echo "$img $?"
	ls -f /a | od -c | sed 's/  */ /g'
	cat /a/*t?; stat -c "%n %i" /a/caf*; stat -f -c %i /a
	umount /a
done
