# Files, directories and symlinks kept in their inodes (inline_data).
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext4 8M small -O inline_data
mkdir /a
mount -o ro /w/img /a; echo "mount $?"
cd /a
ls -f . d | tr '\n' ' '; echo
find . -exec stat -c '%n %i %f %h %s %b' {} +
cat top d/hello; md5sum two-blocks; readlink short long
cd /; umount /a
