# An ext4 image with 256-byte inodes: nanoseconds and the epoch bits of
# the extra time fields, birth times, owners past 65535 (the high 16
# bits), as debugfs sets them; a single-block directory read in hash
# order, "." and ".." among its names.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext4 8M small
@debugfs sif /top mtime_extra 0x7fffffd
@debugfs sif /top atime_extra 0x1
@debugfs sif /top crtime_extra 0x4a817c8
@debugfs sif /d/hello ctime_extra 0x2
@debugfs sif /owned uid_hi 0x10
@debugfs sif /owned gid_hi 0xfffe
mkdir /a
mount -o ro /w/img /a; echo "mount $?"
cd /a
ls -f . d | tr '\n' ' '; echo
stat -c '%n %i %u %g %X.%x %Y %y %Z %z %W %w' top d/hello owned two-blocks
find . -exec stat -c '%n %i %f %h %s %b %B %t:%T' {} +
cat top two-blocks | md5sum
stat -f -c '%t %b %f %a %c %d %s %S %l' .
cd /; umount /a
