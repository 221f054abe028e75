# Flags an ext4 image carries when it is mounted (set here with debugfs
# before): immutable and append-only inodes are refused changes from the
# start, a read-only mount shows the flags and refuses chattr (EROFS),
# and noatime keeps a read from moving atime on a strictatime mount.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext4 8M small
@debugfs set_inode_field /top flags 0x80010
@debugfs set_inode_field /d flags 0x80020
@debugfs set_inode_field /owned flags 0x80080
mkdir /a
mount -o ro /w/img /a; echo "mount $?"
lsattr -d /a/top /a/d /a/owned
chattr -i /a/top; echo "rc=$?"; chattr -V +d /a/d; echo "rc=$?"
umount /a; mount -o strictatime /w/img /a; cd /a
echo x >> top; echo "rc=$?"; rm top; echo "rc=$?"; mv top top2; echo "rc=$?"; chmod 600 top; echo "rc=$?"
touch d/new; echo "rc=$?"; rm d/hello; echo "rc=$?"; rm d/new; echo "rc=$?"; ls d
touch -a -d 2020-01-01 owned; cat owned; stat -c %X owned
chattr -i top; chattr -a d; echo x >> top; rm d/hello d/new; ls d; cat top
cd /; umount /a; mount -o ro /w/img /a; lsattr -d /a/top /a/d /a/owned; stat -c %X /a/owned
umount /a; umount /w
