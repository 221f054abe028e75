# An ext3 image with 4 KiB blocks (block maps, a journal): the journal's
# blocks count in statfs's overhead; mounted as ext3, then as ext4 and
# ext2 (which ignores the journal), each showing its own type.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext3 16M full -b 4096 -I 128 -O ^resize_inode
@e2fsck -fyD
mkdir /a
mount -o ro /w/img /a; echo "mount $?"
cd /a
ls -f . d few many | tr '\n' ' '; echo
find . -exec stat -c '%n %i %f %h %s %b %o %Y' {} + | grep -v '^./many/name-[0-9]*[1-9]-'
md5sum big top sparse
stat -f -c '%t %b %f %a %c %d %s %S' .
cd /
findmnt -no FSTYPE,OPTIONS /a
umount /a
for t in ext4 ext2; do
	mount -t $t -o ro /w/img /a; echo "as $t $?"
	findmnt -no FSTYPE,OPTIONS /a
	stat -f -c '%b %f %a' /a
	umount /a
done
