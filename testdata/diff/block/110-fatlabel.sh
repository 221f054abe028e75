# fatlabel and dosfslabel on FAT12, FAT16 and FAT32 images: reading the
# label (from the root directory's entry: none without one), setting it
# (boot sector, FAT32's backup, a new or the existing entry), removing
# it (-r: NO NAME, the entry deleted), the serial (-i) shown and set,
# the refusals with their messages and statuses, and the FAT32 checks
# fatlabel shares with fsck.fat.
# host-tools: mkfs.fat fatlabel
mkdir /w; mount -t tmpfs w /w
cd /w
mkfs.fat -C --invariant a.img 1440 >/dev/null
mkfs.fat -C --invariant -n FOO b.img 20000 >/dev/null
mkfs.fat -C --invariant -F 32 -n BAR c.img 40000 >/dev/null
for f in a b c; do
	echo "== $f"
	fatlabel $f.img; echo $?
	fatlabel -i $f.img
	dosfslabel $f.img NEWLABEL; echo $?
	fatlabel $f.img
	blkid -o value -s LABEL $f.img
	fatlabel -i $f.img 0badcafe; echo $?
	fatlabel --volume-id $f.img
	blkid -o value -s UUID $f.img
	fatlabel -r $f.img; echo $?
	fatlabel $f.img; echo "none $?"
	blkid -o export $f.img | grep LABEL
	fatlabel $f.img again; echo $?
	fatlabel $f.img
done
od -A d -t x1 -j 3072 -N 64 c.img | head -3
od -A d -t x1 -j 36 -N 30 b.img
fatlabel a.img ''; echo $?
fatlabel a.img '  '; echo $?
fatlabel a.img ' a'; echo $?
fatlabel a.img 'a.b'; echo $?
fatlabel a.img 123456789012; echo $?
fatlabel -r a.img X; echo $?
fatlabel -i a.img zz; echo $?
fatlabel -i a.img 123456789; echo $?
fatlabel -i a.img -- -1; echo $?
fatlabel nonexist; echo $?
fatlabel a.img x y; echo $?
fatlabel; echo $?
truncate -s 1M z.img; fatlabel z.img; echo $?
truncate -s 100 t.img; fatlabel t.img; echo $?
fatlabel -V; echo $?
# fsck.fat's looks at a FAT32 boot sector that fatlabel shares: a backup
# that differs, a bad FSINFO magic (repaired only when writing), no
# backup (made when writing), too few clusters for FAT32.
mkfs.fat -C --invariant -F 32 -n AB d.img 40000 >/dev/null
printf 'X' | dd of=d.img bs=1 seek=3075 conv=notrunc 2>/dev/null
fatlabel d.img; echo $?
printf 'Q' | dd of=d.img bs=1 seek=512 conv=notrunc 2>/dev/null
fatlabel d.img; echo $?
fatlabel -i d.img 1234; echo $?
fatlabel d.img
printf '\0\0' | dd of=d.img bs=1 seek=50 conv=notrunc 2>/dev/null
fatlabel d.img; echo $?
fatlabel -i d.img 5678; echo $?
fatlabel -i d.img
mkfs.fat -C --invariant -F 32 -R 2 e.img 10000 >/dev/null 2>&1
fatlabel e.img; echo $?
# FAT32's table as fatlabel reads it: copies that differ or a damaged
# media entry are read past, refused when writing; an entry out of range.
mkfs.fat -C --invariant -F 32 -n AB f.img 40000 >/dev/null
cp f.img g.img
printf '\007' | dd of=f.img bs=1 seek=$(( (32+616)*512 + 12 )) conv=notrunc 2>/dev/null
fatlabel f.img; echo $?
fatlabel f.img X; echo $?
fatlabel -i f.img 77; echo $?
printf '\000' | dd of=f.img bs=1 seek=$(( 32*512 + 3 )) conv=notrunc 2>/dev/null
fatlabel f.img; echo $?
printf '\000' | dd of=f.img bs=1 seek=$(( (32+616)*512 + 3 )) conv=notrunc 2>/dev/null
fatlabel f.img X; echo $?
for s in 32 648; do printf '\001\000\000\000\231\231\000\000' | dd of=g.img bs=1 seek=$(( s*512 + 16 )) conv=notrunc 2>/dev/null; done
fatlabel g.img; echo $?
fatlabel g.img X; echo $?
# A full FAT32 root directory grows by a cluster for the new label entry.
mkfs.fat -C --invariant -F 32 -s 1 h.img 40000 >/dev/null
i=0
while [ $i -lt 16 ]; do
	printf 'FILE%04d   \040' $i | dd of=h.img bs=1 seek=$(( (32+2*616)*512 + i*32 )) conv=notrunc 2>/dev/null
	i=$((i+1))
done
fatlabel h.img NEWLAB; echo $?
fatlabel h.img
od -A d -t x1 -j $(( 32*512 )) -N 16 h.img
od -A d -t x1 -j $(( (32+616)*512 )) -N 16 h.img
od -A d -t x1 -j $(( (32+2*616+1)*512 )) -N 12 h.img
# A backup that differs in many bytes: the list wraps at 78 columns.
mkfs.fat -C --invariant -F 32 n.img 40000 >/dev/null
printf 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' | dd of=n.img bs=1 seek=3172 conv=notrunc 2>/dev/null
fatlabel n.img; echo $?
# Each of the boot sector's checks failing in turn, on a FAT16 image.
mkfs.fat -C --invariant -F 16 -n BOOT k.img 80000 >/dev/null
bad() {
	cp k.img m.img
	while [ $# -gt 1 ]; do
		printf "$2" | dd of=m.img bs=1 seek=$1 conv=notrunc 2>/dev/null
		shift 2
	done
	fatlabel m.img; echo $?
}
bad 11 '\000\001'
bad 13 '\000'
bad 16 '\003'
bad 19 '\000\000' 32 '\377\377\377\000'
bad 22 '\000\000' 36 '\000\000\000\000'
bad 14 '\377\377'
bad 22 '\001\000'
bad 17 '\000\000'
bad 17 '\021\000'
bad 13 '\001'
