# mkfs.fat on loop devices: -v's geometry and sector size from the
# device (a loop over a whole file counts as a file: floppy formats
# apply, no MBR), the bytes equal to those made on the file itself, a
# loop with an offset, blkid and fatlabel on the device, and the refusals
# of a mounted device: by the name the mount table shows, and through
# its exclusive open under another name (EBUSY); a loop device of
# 4096-byte sectors.
# host-tools: mkfs.fat mksquashfs
mkdir /w; mount -t tmpfs w /w
@mkimg /w/sq - mksquashfs "$TREE" "$IMG" -quiet -noappend -no-xattrs -mkfs-time 0 -all-time 0 >/dev/null
cd /w
truncate -s 20M g.img
d=$(losetup -f --show g.img)
mkfs.fat -v --invariant -n DISK "$d"; echo $?
blkid -o export "$d" | grep -v DEVNAME
fatlabel "$d"; fatlabel -i "$d"
fatlabel "$d" OTHER; echo $?
fatlabel "$d"
losetup -d "$d"
truncate -s 20M h.img
mkfs.fat --invariant -n DISK h.img > /dev/null
fatlabel h.img OTHER
cmp -n 16384 g.img h.img && echo same
truncate -s 1440K fl.img
d=$(losetup -f --show fl.img)
mkfs.fat -v --invariant "$d" | sed -n 2,7p
losetup -d "$d"
truncate -s 4M off.img
d=$(losetup -f --show -o 1M off.img)
mkfs.fat -v --invariant "$d"; echo $?
losetup -d "$d"
od -A d -t x1 -j 1048576 -N 64 off.img
d=$(losetup -f --show sq)
mkdir /m; mount -r "$d" /m; echo "mount $?"
mkfs.fat "$d"; echo $?
ln -s "$d" alias
mkfs.fat alias; echo $?
mkfs.fat -C "$d" 100; echo $?
umount /m
losetup -d "$d"
mkfs.fat /dev/loop-control; echo $?
mkfs.fat "$d"; echo $?
# A loop device of 4096-byte logical sectors: its sector size is the
# least -S may give; a size operand and --offset count in its sectors.
truncate -s 20M g4.img
d=$(losetup -f --show -b 4096 g4.img)
mkfs.fat -v --invariant "$d"; echo $?
mkfs.fat -v --invariant -S 512 "$d"; echo $?
mkfs.fat -v --invariant -S 8192 "$d"; echo $?
mkfs.fat --invariant "$d" 10000; echo $?
mkfs.fat --invariant --offset 10 "$d" | tail -1; echo $?
mkfs.fat --invariant --offset 100000 "$d"; echo $?
losetup -d "$d"
od -A d -t x1 -N 64 g4.img
