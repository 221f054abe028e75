# What each of the three names refuses: an ext4 image as ext2 or ext3, an
# ext2 image as ext3 (no journal); what they take: an ext2 image as
# ext4, an ext3 image as ext2. mount(8) says "wrong fs type" for EINVAL.
mkdir /w; mount -t tmpfs w /w
@mkext /w/ext4 ext4 4M small -I 128 -O ^resize_inode
@mkext /w/ext2 ext2 4M small -I 128 -O ^resize_inode
@mkext /w/ext3 ext3 4M small -I 128 -O ^resize_inode
mkdir /a
for c in ext4:ext2 ext4:ext3 ext2:ext3 ext2:ext4 ext3:ext2 ext3:ext4 ext4:ext4 ext2:squashfs; do
	img=${c%:*} t=${c#*:}
	mount -t $t -o ro /w/$img /a; echo "$img as $t: $?"
	findmnt -no FSTYPE,OPTIONS /a && umount /a
done
dd if=/dev/zero of=/w/zero bs=1k count=64 status=none
mount -t ext4 -o ro /w/zero /a; echo "zeros: $?"
mount -o ro /w/zero /a; echo "zeros, no type: $?"
