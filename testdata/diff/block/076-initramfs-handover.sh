# The hand-over an initramfs's /init makes, done by hand: a tmpfs stands
# for the initramfs, with proc on its /proc and the root image (squashfs
# and ext2, read-only through a loop device) on its /newroot; the root is
# then moved over the initramfs (MS_MOVE onto its mountpoint, as
# switch_root moves "." onto "/"). The covered proc stays in the mount
# table, unreachable by path; the moved root answers at the old path, and
# what the initramfs held is under it. Unmounting the root uncovers it.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/sq.img - mksquashfs "$TREE" "$IMG" -quiet -noappend -all-root -mkfs-time 0 -all-time 0
@mkimg /w/e2.img 2M mke2fs -q -F -t ext2 -d "$TREE" -E root_owner=0:0 "$IMG"
for img in sq e2; do
	echo "== $img"
	mkdir /w/ir; mount -t tmpfs ir /w/ir
	mkdir /w/ir/proc /w/ir/newroot; echo initramfs > /w/ir/init
	mount -t proc proc /w/ir/proc
	d=$(losetup -f --show -r /w/$img.img)
	mount -r "$d" /w/ir/newroot; echo "mount $?"
	mount --move /w/ir/newroot /w/ir; echo "move $?"
	findmnt -R -n -o TARGET,FSTYPE,OPTIONS /w | sed 's/,errors=continue//'
	ls /w/ir; cat /w/ir/init 2>&1; ls /w/ir/proc 2>&1 | head -1
	mountpoint /w/ir/newroot; echo "newroot $?"
	umount /w/ir; echo "umount root $?"
	cat /w/ir/init; mountpoint -q /w/ir/proc; echo "proc back $?"
	umount -R /w/ir; losetup -d "$d"; rmdir /w/ir
done
