# What sync(2), syncfs(2) and fsync(2) write of an ext2 image mounted
# read-write: inode changes made in memory reach the image, where a second
# read-only mount of the same file through another loop device reads them.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext2 4M small -I 128 -O ^resize_inode
mkdir /a /b
mount /w/img /a; echo "mount $?"
echo one > /a/one; mkdir /a/dir
chmod 600 /a/one; touch -d '2001-02-03 04:05:06' /a/one
sync; echo "sync $?"
l=$(losetup -f --show -r /w/img)
# Times set to now differ between the runs; only set ones are shown.
look() { mount -r "$l" /b && stat -c '%n %a %u:%g %s' /b/one /b/dir && stat -c "%n %Y" "$@"; umount /b; }
look
chmod 644 /a/one; chmod 700 /a/dir; sync -f /a; echo "syncfs $?"; look /b/one
chown 5:6 /a/one; sync /a/one; echo "fsync $?"; look /b/one
touch -d '2002-03-04 05:06:07' /a/dir; sync -d /a/dir; echo "fdatasync $?"; look /b/one /b/dir
echo more >> /a/one; sync /a/one; look /b/dir
losetup -d "$l"
umount /a
mount -r /w/img /a; stat -c '%n %a %u:%g %s' /a/one /a/dir; umount /a
