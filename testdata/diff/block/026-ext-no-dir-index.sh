# Without dir_index, every directory reads in on-disk order, "." and
# ".." first; with it, a directory of one block reads in hash order and
# a larger one without an index in on-disk order.
mkdir /w; mount -t tmpfs w /w
@mkext /w/noindex ext4 16M full -I 128 -O ^resize_inode,^dir_index
mkdir /a
mount -o ro /w/noindex /a; echo "mount $?"
ls -f /a /a/d /a/few /a/many | tr '\n' ' '; echo
ls -i /a/many | sort -n | head -3
umount /a
