# Reading files whose cluster chains are broken, as the page cache reads
# them: a read that meets a folio not in the cache reads it ahead with
# the folios after it (all of a file this small), a folio that failed is
# read again by read_folio, every read of it maps its blocks again and
# logs every failure again, and what reads well before the broken folio
# is returned first: a read(2) that meets a bad folio after good ones in
# the same batch tries it twice (it cuts the batch short, then begins the
# next), returns the good ones, and the next read fails. (dd, not md5sum:
# coreutils' md5sum, through stdio, reads once more after a failed read.)
# FAT12, 512-byte clusters, the first FAT at byte 512;
# zbig.bin is 12000 bytes in clusters 17 to 40 (folios of clusters
# 17-24, 25-32, 33-40). dm prints the kernel log lines added since its
# last call, without timestamps and the loop driver's capacity lines.
dm() { dmesg | sed 's/^\[[ 0-9.]*\] //' | grep -v -e 'detected capacity change' -e '^devtmpfs: initialized' > /tmp/dm; tail -n +$((dmn+1)) /tmp/dm; dmn=$(wc -l < /tmp/dm); }
dmn=0
mkdir /w; mount -t tmpfs w /w
@mkfat /w/f12 1440
mkdir /a
dm >/dev/null
od -An -tx1 -j 512 -N 64 /w/f12
# setfat IMAGE CLUSTER VALUE: the cluster's 12-bit entry in the first FAT.
setfat() {
	local o=$((512 + $2 * 3 / 2)) w
	w=$(od -An -tu2 -j $o -N 2 $1 | tr -d ' ')
	if [ $(($2 % 2)) = 0 ]; then w=$(((w & 0xf000) | $3)); else w=$(((w & 0xf) | ($3 << 4))); fi
	printf "\\$(printf %03o $((w & 255)))\\$(printf %03o $((w >> 8)))" | dd of=$1 bs=1 seek=$o conv=notrunc status=none
}
for c in 27:fff 20:000 35:ff7 40:000 30:ff0 17:011 13:000 14:00e; do
	cp /w/f12 /w/bad
	setfat /w/bad ${c%:*} $((0x${c#*:}))
	mount -t vfat -r /w/bad /a; echo "$c: $?"
	dd if=/a/zbig.bin bs=32k status=none 2>/dev/null | md5sum
	dd if=/a/zbig.bin bs=4096 count=1 status=none 2>&1 | md5sum
	dd if=/a/zbig.bin bs=1000 skip=9 count=1 status=none 2>&1 | wc -c
	dd if=/a/zbig.bin bs=128k status=none 2>/dev/null | wc -c
	ls /a/sub/deep 2>&1 | tr '\n' ' '; echo
	umount /a
	dm
done
# A first read that does not start the file reads only what it asks for
# (a small random read: no readahead); one from the start reads ahead the
# folios the cache does not hold.
cp /w/f12 /w/bad
setfat /w/bad 27 $((0xfff))
mount -t vfat -r /w/bad /a
for a in 'skip=1 count=1' 'skip=1 count=1' 'count=1' 'skip=2 count=1'; do
	dd if=/a/zbig.bin bs=4096 $a status=none 2>&1 | wc -c
	dm | wc -l
done
umount /a
