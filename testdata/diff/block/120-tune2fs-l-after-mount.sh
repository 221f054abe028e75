# tune2fs -l after the kernel has mounted, written and unmounted an
# ext4 image: the mount count, the free block and inode counts, the
# state left clean. The kernel's times, its lifetime write count and
# the checksum are masked, and so is the last mounted-on path (the
# virtual ext4 does not record it yet); the journal's own superblock
# (dumpe2fs -h's journal lines) is not compared: the virtual ext4 does
# not write it. Then tune2fs on the device while it is mounted.
# host-tools: tune2fs
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1700000000
mask() { sed -e 's/^\(Lifetime writes: *\).*/\1X/' -e 's/^\(Checksum: *\).*/\1X/' \
	-e 's/^\(Last mount time: *\).*/\1X/' -e 's/^\(Last write time: *\).*/\1X/' \
	-e 's/^\(Last mounted on: *\).*/\1X/'; }
truncate -s 64M a
mkfs.ext4 -q -U 01234567-89ab-cdef-0123-456789abcdef -E hash_seed=11111111-2222-3333-4444-555555555555 a
mkdir /m
mount -o loop a /m; echo "mount $?"
echo hi > /m/f; mkdir /m/d /m/d/e; head -c 300000 /dev/zero > /m/d/big
umount /m; echo "umount $?"
tune2fs -l a | mask; echo "tune2fs $?"
mount -o loop a /m; umount /m
tune2fs -l a | grep -e 'Mount count' -e state -e 'Free'
# tune2fs on the mounted device: -c goes through the device, and the
# kernel's own superblock writes (a sync, the umount) keep it, as its
# superblock buffer is the device's; -L goes through the label ioctl,
# and then tune2fs drops the rest of its command line (-c 21 here).
mount -o loop a /m
dev=$(findmnt -no SOURCE /m)
tune2fs -c 20 $dev; echo "tune2fs $?"
tune2fs -l $dev | grep -e Maximum -e 'volume name'
sync
tune2fs -L lab -c 21 $dev; echo "tune2fs $?"
echo x > /m/x
umount /m
tune2fs -l a | grep -e Maximum -e 'volume name'
