# Two signatures on one device: an ext2 file system whose first bytes
# also say romfs. The low-level probe refuses to choose (status 8, or
# ID_FS_AMBIVALENT for udev), the cached mode finds nothing; a device of
# a floppy's size or less takes the first signature without looking
# further; -n picks one.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/amb 4M mke2fs -q -F -t ext2 -U 06506506-5065-4065-8065-065065065065 "$IMG" && printf -- '-rom1fs-\0\0\0\0\0\0\0\0amb' | dd of="$IMG" conv=notrunc status=none
@mkimg /w/small 1M mke2fs -q -F -t ext2 -U 16506506-5065-4065-8065-065065065065 "$IMG" && printf -- '-rom1fs-\0\0\0\0\0\0\0\0amb' | dd of="$IMG" conv=notrunc status=none
d=$(losetup -f --show -r /w/amb)
blkid -c /dev/null -p "$d"; echo "p $?"
blkid -c /dev/null -p -o udev "$d"; echo "udev $?"
blkid -c /dev/null "$d"; echo "cached $?"
blkid -c /dev/null -p -n romfs "$d"; echo "only romfs $?"
blkid -c /dev/null -p -n noromfs -o export "$d"; echo "not romfs $?"
blkid -c /dev/null -p "$d" /w/small; echo "stops at the first $?"
blkid -c /dev/null -p /w/small "$d"; echo "small first $?"
losetup -d "$d"
