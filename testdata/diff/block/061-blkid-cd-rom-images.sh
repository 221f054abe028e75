# blkid on read-only image formats: ISO 9660 (plain, with Joliet and
# Rock Ridge, with a publisher and preparer, with a label longer than
# Joliet holds), romfs, squashfs, and a FAT12 floppy; as loop devices
# and as files, small ones (a floppy's size or less) included.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/iso - genisoimage -quiet -V ISOLAB -o "$IMG" "$TREE"
@mkimg /w/joliet - genisoimage -quiet -J -r -V "Mixed Case Label" -publisher Pub -p "Some Preparer" -A "An app" -sysid SYS -o "$IMG" "$TREE"
@mkimg /w/longlabel - genisoimage -quiet -J -V "A_LONG_LABEL_OF_MORE_THAN_16" -o "$IMG" "$TREE"
@mkimg /w/romfs - genromfs -V romlab -d "$TREE" -f "$IMG" -a 2048
@mkimg /w/tinyrom - genromfs -V tiny -d "$TREE" -f "$IMG"
@mkimg /w/sqfs - mksquashfs "$TREE" "$IMG" -quiet -noappend -all-root >/dev/null
@mkimg /w/floppy - mkfs.vfat -C -n FLOPPY -i 0badcafe "$IMG" 1440 >/dev/null
ls -l /w/tinyrom | cut -d' ' -f5
for img in iso joliet longlabel romfs tinyrom sqfs floppy; do
	d=$(losetup -f --show -r /w/$img)
	echo "== $img"
	blkid -c /dev/null -p "$d"; echo "p $?"
	blkid -c /dev/null "$d"; echo "cached $?"
	blkid -c /dev/null -p -o udev "$d"
	blkid -c /dev/null -p -o export "$d"
	blkid -p /w/$img; echo "file $?"
	losetup -d "$d"
done
