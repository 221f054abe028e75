# The mount tutorial's first steps: mkfs.ext4 on a 64M file (1k blocks,
# the "small" usage type) and on a 600M sparse one (4k blocks), mounted
# through a loop device. What the kernel reports through statfs (df,
# df -i, stat -f) checks the geometry mke2fs chose (inode count,
# overhead, reserved blocks, free counts), then the root's listing, a
# file written and read back, and the umount.
mkdir /w; mount -t tmpfs w /w
cd /w
export E2FSPROGS_FAKE_TIME=1000000000 # the times mke2fs stamps, for ls
truncate -s 64M disk.img
mkfs.ext4 -q -U 11111111-2222-3333-4444-555555555555 -E hash_seed=11111111-2222-3333-4444-555555555556 disk.img; echo "mkfs $?"
mkdir /m
mount -o loop disk.img /m; echo "mount $?"
findmnt -no FSTYPE,OPTIONS /m
df /m | sed 1d
df -i /m | sed 1d
stat -f -c '%T %b %f %a %c %d %S %s %l' /m
ls -l /m
stat -c '%A %h %s %U %G %n' /m /m/lost+found
touch /m/x; echo hi > /m/x; cat /m/x
mkdir /m/d; ls /m
umount /m; echo "umount $?"
# The same image mounted again keeps what was written.
mount -o loop disk.img /m; cat /m/x; umount /m
truncate -s 600M big.img
mkfs.ext4 -q big.img; echo "mkfs $?"
mount -o loop big.img /m; echo "mount $?"
df /m | sed 1d
df -i /m | sed 1d
stat -f -c '%T %b %f %a %c %d %S %l' /m
ls -l /m
umount /m
