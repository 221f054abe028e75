# mkfs.fat's options and refusals on image files (--invariant: fixed
# volume ID and dates), each shown by -v's report and the boot sector:
# FAT width, cluster and sector sizes, reserved sectors, FAT count,
# root entries (and -r's warning on FAT32), media, drive number,
# geometry, hidden sectors, FAT32's backup sector, -a, --mbr, -m, labels
# (lowercase warning, forbidden characters), bad blocks (-c, -l), the
# Atari variant (-A, --variant), too small or too large filesystems,
# the FAT32 cluster warning, and value errors on standard output with
# status 1.
# host-tools: mkfs.fat
mkdir /w; mount -t tmpfs w /w
cd /w
truncate -s 20M f.img
for o in "-F 12" "-F 16" "-F 32" "-s 1" "-s 16" "-S 1024" "-S 4096" "-R 8" "-f 1" "-f 3" \
	"-r 64" "-r 100 -a" "-F 32 -r 100" "-M 0xf0" "-D 0x81" "-g 16/63" "-h 63" "-F 32 -R 2" \
	"-F 32 -b 3" "-a" "--mbr" "--mbr=y -F 32" "-n lower" "-n 'a*b'" "-n ' ab'" "-n abcdefghijkl" \
	"-n 'NO NAME'" "-s 128 -F 16" "-F 12 -s 1" "-S 8192" "-F 32 -R 1" "-F 32 -b 40" "-vv"; do
	echo "== $o"
	eval "mkfs.fat --invariant -v $o f.img"; echo $?
	od -A d -t x1 -N 96 f.img | head -6
done
printf 'Hello\tworld\nNo boot here\n' > msg
mkfs.fat --invariant -m msg f.img > /dev/null; echo $?
od -A d -t c -j 62 -N 64 f.img
mkfs.fat --invariant -m msg -F 32 f.img > /dev/null; echo $?
od -A d -t c -j 90 -N 64 f.img
mkfs.fat --invariant -m nonexist f.img > /dev/null; echo $?
mkfs.fat --invariant -C new.img 10; echo $?
mkfs.fat --invariant -C new.img 100; echo $?
mkfs.fat --invariant -F 32 -C new32.img 1000; echo $?
mkfs.fat -C new.img; echo $?
truncate -s 0 empty.img; mkfs.fat empty.img; echo $?
mkfs.fat nonexist.img; echo $?
mkfs.fat /dev/null; echo $?
for o in "-F 13" "-s 3" "-S 100" "-i xyz" "-i 123456789" "-i -1" "-r 8" "-R 0" "-f 5" "-b x" \
	"-D 300" "-M 0x10" "-M x" "-h -1" "-g 16" "-g 0/63" "--mbr=maybe" "--variant=foo" "--offset=x" "--codepage=x"; do
	echo "== $o"
	eval "mkfs.fat $o f.img" 2>/dev/null; echo $?
done
mkfs.fat 2>/dev/null; echo $?
mkfs.fat f.img 10 20 2>/dev/null; echo $?
mkfs.fat f.img x 2>/dev/null; echo $?
# Bad blocks: -c reads the whole image, -l marks listed blocks' clusters.
mkfs.fat --invariant -c -v f.img | tail -n 2; echo $?
printf '100\n\n 2000 \n19000\n' > bl
mkfs.fat --invariant -l bl f.img; echo $?
od -A d -t x1 -j 2048 -N 64 f.img
for l in 1 99999 12x -5 - ; do
	echo "$l" > bl; mkfs.fat --invariant -l bl f.img; echo $?
done
mkfs.fat -l nonexist f.img; echo $?
mkfs.fat -l bl -c f.img; echo $?
# The Atari variant: a 68000 branch, "kdosf" and the serial's low bytes,
# no signature, sectors grown to keep GEMDOS's count (blkid finds no FAT).
for o in "-A" "-A -F 12" "-A -S 1024 -n LAB" "--variant=atari -F 32" "-A -s 4" "-A -h 70000"; do
	echo "== $o"
	eval "mkfs.fat --invariant -v $o f.img"; echo $?
	od -A d -t x1 -N 64 f.img
done
truncate -s 70M big.img
mkfs.fat --invariant -A -vv big.img; echo $?
blkid big.img; echo $?
truncate -s 600M big.img
mkfs.fat --invariant -A big.img; echo $?
