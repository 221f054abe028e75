# blkid on loop devices of images the real tools made (the same bytes on
# both sides): the low-level probe (-p) with every value, the cached
# form (-c /dev/null: no cache file is read or kept), and the export,
# udev, value and device formats. Names are what libblkid 2.38 reports.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/ext4 4M mke2fs -q -F -t ext4 -L root\ fs -U 11111111-2222-3333-4444-555555555555 -E root_owner=0:0 "$IMG"
@mkimg /w/ext3 3M mke2fs -q -F -t ext3 -U 21111111-2222-3333-4444-555555555555 -E root_owner=0:0 "$IMG"
@mkimg /w/jbd 2M mke2fs -q -F -O journal_dev -b 1024 -U 31111111-2222-3333-4444-555555555555 "$IMG"
@mkimg /w/fat16 - mkfs.vfat -C -F 16 -n FATLAB -i 1234abcd "$IMG" 20000 >/dev/null
@mkimg /w/fat32 - mkfs.vfat -C -F 32 -n "BIG ONE" -i deadbeef "$IMG" 40000 >/dev/null
@mkimg /w/swap 1M mkswap -L swlab -U aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee "$IMG" >/dev/null 2>&1
for img in ext4 ext3 jbd fat16 fat32 swap; do
	d=$(losetup -f --show -r /w/$img)
	echo "== $img"
	blkid -c /dev/null -p "$d"; echo "p $?"
	blkid -c /dev/null "$d"; echo "cached $?"
	blkid -c /dev/null -o export "$d"
	blkid -c /dev/null -p -o udev "$d"
	blkid -c /dev/null -o value -s TYPE -s LABEL "$d"
	blkid -c /dev/null -p -s UUID -s VERSION -o export "$d"
	blkid -c /dev/null -o device "$d"
	losetup -d "$d"
done
# The same images as files.
blkid -c /dev/null -p /w/ext3 /w/fat16; echo "files $?"
blkid -c /dev/null /w/swap /w/jbd; echo "cached files $?"
blkid -c /dev/null -o full /w/ext4
blkid -c /dev/null -d /w/ext4
