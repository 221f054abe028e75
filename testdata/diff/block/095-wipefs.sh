# wipefs on images the real tools made: the listing (DEVICE OFFSET TYPE
# UUID LABEL), -J, -p, -i, -O, every magic of a vfat boot sector, -n,
# -a, -t with and without "no", -o (and an offset with nothing there),
# a second look after erasing, a mounted device, mkswap's "wiping old" warning for what
# it replaces, and the errors.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/ext4 2M mke2fs -q -F -t ext4 -L root -U 11111111-2222-3333-4444-555555555555 -E root_owner=0:0 "$IMG"
@mkimg /w/fat16 - mkfs.vfat -C -F 16 -n FATLAB -i 1234abcd "$IMG" 20000 >/dev/null
@mkimg /w/swap 1M mkswap -L swlab -U aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee "$IMG" >/dev/null 2>&1
@mkimg /w/sq - mksquashfs "$TREE" "$IMG" -quiet -noappend -no-xattrs -mkfs-time 0 -all-time 0 >/dev/null
cd /w
for img in ext4 fat16 swap sq; do
	echo "== $img"
	wipefs $img; echo $?
	wipefs -J $img
	wipefs -p -i $img
	wipefs -O TYPE,LENGTH,USAGE,OFFSET,DEVICE $img
done
cp ext4 e2; cp fat16 f2; cp swap s2
d=$(losetup -f --show /w/e2)
# Erasing, even with -n, claims the device: EBUSY while it is mounted.
mkdir /m; mount -r "$d" /m; echo "mount $?"
wipefs -a "$d"; echo $?
wipefs -n -a "$d"; echo $?
exec 3<"$d"
umount /m
wipefs "$d"; echo $?
wipefs -n -a "$d"; echo $?
wipefs -a -t vfat,swap "$d"; echo $?
wipefs -a -t noswap "$d"; echo $?
wipefs "$d"; echo $?
losetup -d "$d"
wipefs -o 0x100 f2; echo $?
wipefs -o 0x1fe f2; echo $?
wipefs f2
wipefs -a f2 s2; echo $?
wipefs f2 s2; echo $?
cp ext4 e3; chmod 600 e3
mkswap -U 21111111-2222-3333-4444-555555555555 e3; echo $?
wipefs e3
cp fat16 f3; chmod 600 f3
mkswap -q f3; echo $?
wipefs -q -a f3; echo $?
wipefs f3; echo $?
wipefs /w/nonexist; echo $?
wipefs /w; echo $?
wipefs; echo $?
wipefs -a -o 0x438 ext4; echo $?
wipefs -O FOO ext4; echo $?
wipefs -o x ext4; echo $?
