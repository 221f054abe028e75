# FAT12, FAT16 and FAT32 chosen by the count of clusters; statfs (type,
# cluster size, clusters, free ones, name length); then boot sectors
# fat_fill_super refuses (its dmesg lines are checked by fs/fat's tests:
# the host's log is shared), and a read-write mount.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/f12 1440
@mkfat /w/f16 16384 -F 16
@mkfat /w/f32 34000 -F 32 -s 1
mkdir /a
for i in f12 f16 f32; do
	mount -r /w/$i /a; echo "$i: $?"
	stat -f -c '%t %S %s %b %f %a %c %d %l' /a
	ls /a | tr '\n' ' '; echo
	umount /a
done
for c in 14:0 16:0 21:18 11:3 13:3 17:1; do
	cp /w/f12 /w/bad
	printf "\\$(printf %03o ${c#*:})" | dd of=/w/bad bs=1 seek=${c%:*} conv=notrunc status=none
	mount -t vfat -r /w/bad /a 2>&1; echo "$c: $?"
done
mount -t vfat -o ro /w/f12 /a; echo "ro: $?"; umount /a
