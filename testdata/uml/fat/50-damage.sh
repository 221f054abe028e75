# Damaged images: boot sectors fat_fill_super refuses (status, messages,
# kernel log), and cluster chains that loop, end early, reach a free or
# an out-of-range cluster (FAT16: the first FAT at byte 2048, two bytes
# an entry; the long file's clusters are 4 and 5, sub's is 8).
# dm prints the kernel log lines added since its last call, without
# timestamps and the loop driver's capacity lines (linuxvfs's dmesg has
# no -c and prints no loop lines).
dm() { dmesg | sed 's/^\[[ 0-9.]*\] //' | grep -v -e 'detected capacity change' -e '^devtmpfs: initialized' > /tmp/dm; tail -n +$((dmn+1)) /tmp/dm; dmn=$(wc -l < /tmp/dm); }
dmn=0
mkdir /w; mount -t tmpfs w /w
@mkfat /w/f12 1440
@mkfat /w/f16 16384 -F 16
mkdir /a
dm >/dev/null
od -An -tx2 -j 2048 -N 32 /w/f16
put() { printf "$2" | dd of=/w/bad bs=1 seek=$1 conv=notrunc status=none; }
for c in '14:\0' '16:\0' '21:\022' '11:\3' '13:\3' '13:\0' '17:\1' '12:\1' '510:\0' '22:\0' '19:\0\0' '16:\3'; do
	cp /w/f12 /w/bad
	put ${c%%:*} "${c#*:}"
	mount -t vfat -r /w/bad /a 2>&1; echo "$c: $?"
	ls /a 2>&1 | head -3; umount /a 2>/dev/null
	dm
done
for c in '2058:\4\0' '2056:\377\377' '2056:\0\0' '2056:\360\377' '2056:\100\0' '2064:\10\0' '2064:\0\0' '2064:\11\0'; do
	cp /w/f16 /w/bad
	put ${c%%:*} "${c#*:}"
	mount -t vfat -r /w/bad /a; echo "$c: $?"
	md5sum '/a/a rather long file name.text' 2>&1
	dd if='/a/a rather long file name.text' bs=1024 skip=2 status=none 2>&1 | wc -c
	stat -c '%n %s %b %h' /a/sub 2>&1
	ls -a /a/sub 2>&1 | tr '\n' ' '; echo
	cat /a/sub/deep/f 2>&1
	umount /a
	dm
done
