# Remounting an ext2 image: read-only stops writes (EROFS), read-write
# allows them again; options change on the way; all kept at the end.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext2 4M small -I 128 -O ^resize_inode
mkdir /a
mount -o errors=remount-ro /w/img /a; echo "mount $?"
echo one > /a/one
mount -o remount,ro /a; echo "ro $?"; findmnt -no OPTIONS /a
echo two > /a/two; echo "write $?"
mount -o remount,rw,errors=continue /a; echo "rw $?"; findmnt -no OPTIONS /a
echo two > /a/two; echo "write $?"
mount -o remount,nobarrier /a; findmnt -no OPTIONS /a
umount /a
mount -r /w/img /a; cat /a/one /a/two; stat -c '%n %i %s %b' /a/one /a/two; stat -f -c '%f %d' /a; umount /a
