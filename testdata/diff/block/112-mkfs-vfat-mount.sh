# Images mkfs.fat made, mounted (read-only: linuxvfs's fat does not
# write) as the kernel sees them: FAT12, FAT16 and FAT32 of a tutorial's
# sizes, with labels and odd options, through mount -o loop; df and
# stat -f (cluster size, cluster count, free clusters), findmnt, the
# empty root directory, blkid of the loop device; then a tree copied in
# by mtools (@mkfat) read back beside one of ours. Needs a host kernel
# with vfat: @mkfat skips it otherwise (this scenario is not among
# those TestUMLFat runs).
# host-tools: mkfs.fat
mkdir /w; mount -t tmpfs w /w
@mkfat /w/ref 1440
cd /w
mkdir /m
for o in "32M" "1440K -n FLOPPY" "20M -F 12 -s 16" "20M -F 32 -n BIG" "40M -S 4096" "20M -f 1 -R 16 -a" "600M"; do
	set -- $o; size=$1; shift
	echo "== $o"
	rm -f f.img; truncate -s $size f.img
	mkfs.vfat --invariant "$@" f.img > /dev/null; echo $?
	mount -r -o loop f.img /m; echo "mount $?"
	findmnt -n -o FSTYPE,OPTIONS /m
	df -k /m | tail -n 1 | sed 's|^/dev/loop[0-9]*|LOOP|'
	stat -f -c '%T %s %S %b %f %a %c %d %l' /m
	ls -A /m | wc -l
	blkid -o export "$(findmnt -n -o SOURCE /m)" | grep -v DEVNAME
	umount /m
done
mount -r -o loop ref /m; echo "mount $?"
stat -f -c '%T %s %S %b %f %a' /m
ls /m | head -5
umount /m
