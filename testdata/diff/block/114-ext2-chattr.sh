# Inode flags on an ext2 image (mounted as ext2, the same driver): no
# extents, so +e is EINVAL; without metadata checksums the generation
# can be set (chattr -v) and read back (lsattr -v); append-only and
# immutable are enforced from i_flags as on ext4.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext2 4M small
mkdir /a
mount -t ext2 /w/img /a; echo "mount $?"
cd /a
lsattr -d . d; lsattr top two-blocks
chattr +e top; echo "rc=$?"; chattr -e top; echo "rc=$?"
chattr -v 77 top; echo "rc=$?"; lsattr -v top
chattr -V -v 0x10 =dA top; echo "rc=$?"; lsattr -v top
chattr +a top; echo more >> top; echo "rc=$?"; echo over > top; echo "rc=$?"; cat top
chattr -a top; chattr +i d; touch d/new; echo "rc=$?"; chattr -i d
cd /; umount /a; mount -t ext2 /w/img /a
lsattr -v /a/top; chattr = /a/top
umount /a; umount /w
