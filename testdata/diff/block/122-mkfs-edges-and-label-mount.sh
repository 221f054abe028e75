# mkfs.ext4's answers at the edges: a missing file without a size (its
# directory missing too), a size too small for anything, sizes too
# small for a journal (the notice comes before a later failure); then
# mount by LABEL= and UUID= of the loop device that holds the image
# (found by probing the block devices), and umount.
mkdir /w; mount -t tmpfs w /w; cd /w
for a in "/nonexist/x.img" "nofile.img" "/nonexist/x.img 8M" "s1.img 1k" "s3.img 60k" "s5.img 200k"; do
	echo "== $a"; mkfs.ext4 -q $a 2>&1; echo "rc=$?"
done
truncate -s 16M a.img
mkfs.ext4 -q -L data -U 11111111-2222-3333-4444-555555555555 a.img
L=$(losetup -f --show a.img)
mkdir -p /mnt/x
mount LABEL=data /mnt/x; echo "by label=$?"
findmnt -no FSTYPE,TARGET /mnt/x
umount /mnt/x
mount UUID=11111111-2222-3333-4444-555555555555 /mnt/x; echo "by uuid=$?"
umount /mnt/x
mount LABEL=nosuch /mnt/x; echo "no label=$?"
losetup -d $L
