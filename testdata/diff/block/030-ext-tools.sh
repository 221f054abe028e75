# Everyday tools on ext mounts: ls -l with inode numbers, du, df (blocks
# and inodes), stat's default output, findmnt, read through
# symlinks and hard links, lseek into a sparse file's holes.
mkdir /w; mount -t tmpfs w /w
@mkext /w/ext4 ext4 8M small
@mkext /w/ext2 ext2 8M small -b 4096
mkdir /a /b
mount -o ro /w/ext4 /a; mount -r /w/ext2 /b
ls -lin --time-style=+%s /a /a/d /b | sed 's/  */ /g'
du -a /a | sort -k2; du -s --apparent-size /b
df /a /b; df -i /a /b
stat /a/top /b/d /a/null /a/short | grep -v 'Access: [0-9]\{4\}'
findmnt -no SOURCE,TARGET,FSTYPE,OPTIONS /a; findmnt -no SOURCE,TARGET,FSTYPE,OPTIONS /b
cat /a/short /b/d/hardlink; cat /a/d/../top
cd /b/d; ls -f ..; cd /
umount /a /b; echo "umount $?"
