# An ext4 image of mke2fs -d (internal/testimage.ExtTree, its large
# directory indexed by e2fsck -D), mounted read-only: the tree in readdir
# order (hash order, "." and ".." among the names), stat of everything,
# contents, link targets, statfs and the mount's lines.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext4 16M full -I 128 -O ^resize_inode
@e2fsck -fyD
mkdir /a
mount -o ro /w/img /a; echo "mount $?"
cd /a
ls -f . d few many | tr '\n' ' '; echo
find . -exec stat -c '%n %i %f %h %u %g %s %b %t:%T %X %Y %W' {} + | grep -v '^./many/name-[0-9]*[1-9]-'
stat -c '%n %x %y %w' . top
cat top d/hello d/hardlink; md5sum big
readlink short long fiftynine sixty
dd if=sparse bs=1 skip=300000 count=8 status=none; echo
dd if=huge bs=1 skip=4096 count=6 status=none; echo
dd if=huge bs=1 skip=5368709110 count=11 status=none; echo
stat -f -c '%t %b %f %a %c %d %s %S %l' .
stat -f .
cd /
findmnt -o TARGET,SOURCE,FSTYPE,OPTIONS,MAJ:MIN /a
cat /proc/self/mountinfo
umount /a; echo "umount $?"
