# An ext2 image of mke2fs -d (block maps, no journal), its large
# directory indexed by e2fsck -D: mount finds the type as blkid does; the
# tree in readdir order, stat, contents, statfs, mountinfo.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext2 16M full -I 128 -O ^resize_inode
@e2fsck -fyD
mkdir /a
mount -r /w/img /a; echo "mount $?"
cd /a
ls -f . d few many | tr '\n' ' '; echo
find . -exec stat -c '%n %i %f %h %u %g %s %b %t:%T %Y %W' {} + | grep -v '^./many/name-[0-9]*[1-9]-'
cat top d/hello; md5sum big; readlink short long sixty
dd if=sparse bs=1 skip=1048571 count=8 status=none | od -c
dd if=huge bs=1 skip=5368709110 count=11 status=none; echo
stat -f -c '%t %b %f %a %c %d %s %S %l' .
cd /
findmnt -no SOURCE,FSTYPE,OPTIONS /a
umount /a
mount -t ext4 -o ro /w/img /a; echo "as ext4 $?"
findmnt -no SOURCE,FSTYPE,OPTIONS /a
stat -f -c '%b %f %a' /a
umount /a
