# mkfs.vfat on image files as a tutorial makes them: plain (the volume
# ID is the clock's: only its shape is compared), then --invariant with
# the boot sector, FSInfo and root directory bytes shown for FAT12, 16
# and 32, a label (the root directory entry dated by --invariant), -C
# with a block count, a size operand smaller than the file, what blkid
# and fatlabel read back, and -v's report through each name of the tool.
# host-tools: mkfs.fat
mkdir /w; mount -t tmpfs w /w
cd /w
truncate -s 32M f.img
mkfs.vfat f.img > out; echo $?
sed 's/^Volume ID is [0-9a-f]*,/Volume ID is X,/' out
blkid -o value -s TYPE f.img
blkid -p -o value -s VERSION f.img
fatlabel -i f.img | grep -c '^[0-9a-f]\{8\}$'
mkfs.vfat --invariant f.img; echo $?
od -A d -t x1 f.img | head -40
for n in 12 16 32; do
	rm -f c$n.img
	mkfs.fat -C --invariant -F $n -n "FAT $n" -v c$n.img 40000; echo $?
	od -A d -t x1 -N 1536 c$n.img | tail -n 12
	blkid -o export c$n.img
	fatlabel c$n.img; fatlabel -i c$n.img
done
od -A d -t x1 -j 61440 -N 64 c32.img
od -A d -t x1 -j 3072 -N 1024 c32.img
truncate -s 4M s.img
mkfs.msdos --invariant -v s.img 1000; echo $?
mkdosfs --invariant s.img 8000; echo $?
ls -l s.img | cut -d' ' -f5
for f in 360 720 1200 1440 2880; do
	rm -f fl.img; mkfs.fat -C --invariant -v fl.img $f | sed -n '2,7p'
done
