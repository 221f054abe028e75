# mke2fs's refusals and their statuses: a missing file without a size,
# a missing directory, too few blocks for a filesystem, an unknown
# filesystem type or feature, bad -i, -m, -I, -N and -U values, an
# operand too many or none (the usage text is ours: only its status
# is compared), -V, 64bit without extents, bad -g, -G, -e, -t and -T
# twice, journal sizes out of range, and a mounted loop device.
mkdir /w; mount -t tmpfs w /w
cd /w
truncate -s 16M f
mkfs.ext4 nofile; echo "status $?"
mkfs.ext4 -q /w/nodir/f 8M; echo "status $?"
mkfs.ext4 -q f 20; echo "status $?"
mkfs.ext4 -q f 50k; echo "status $?"
mke2fs -t foo f; echo "status $?"
mke2fs -O foo f; echo "status $?"
mke2fs -q -O ^metadata_csum,foo f; echo "status $?"
mke2fs -q -i 100 f; echo "status $?"
mke2fs -q -m 60 f; echo "status $?"
mke2fs -q -I 100 f; echo "status $?"
mke2fs -q -N 99999999 f; echo "status $?"
mke2fs -q -U bad f; echo "status $?"
mke2fs -q -L 12345678901234567890 f; echo "status $?"
mke2fs f 1 2 2>/dev/null; echo "status $?"
mke2fs 2>/dev/null; echo "status $?"
mke2fs -Z f 2>/dev/null; echo "status $?"
mke2fs -V; echo "status $?"
mke2fs -q -O 64bit f; echo "status $?"
mkfs.ext4 -q -N 99999999 f; echo "status $?"
mke2fs -q -g 128 f; echo "status $?"
mkfs.ext4 -q -g 100000 f; echo "status $?"
mke2fs -q -t ext4 -G 4 -O ^flex_bg f; echo "status $?"
mke2fs -q -t ext4 -G 3 f; echo "status $?"
mke2fs -q -e bogus f 2>&1 | head -1; echo "status $?"
mke2fs -q -t ext4 -t ext3 f; echo "status $?"
mke2fs -q -T small -T news f; echo "status $?"
mke2fs -q -t ext4 -J size=1 f; echo "status $?"
mke2fs -q -t ext4 -J size=9 f; echo "status $?"
mke2fs -q -b 4k -t ext4 f; echo "status $?"
mkfs.ext4 -q f
mkdir /m; mount -o loop f /m
d=$(findmnt -no SOURCE /m)
mkfs.ext4 "$d"; echo "status $?"
mkfs.ext2 -q "$d"; echo "status $?"
umount /m
