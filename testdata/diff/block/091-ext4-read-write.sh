# An ext4 image with mke2fs's default features (extents, metadata_csum,
# 64bit, flex_bg, a journal) mounted read-write: files, directories,
# links, symlinks and nodes made, written with holes, truncated, renamed
# and removed, a directory grown past one block; then mounted again
# read-only to see it all kept, with the inode numbers, blocks and free
# counts the kernel gives.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext4 8M small
mkdir /a
mount /w/img /a; echo "mount $?"
findmnt -no FSTYPE,OPTIONS /a
cd /a
mkdir n n/m; echo hello > n/f; ln n/f n/g; ln -s ../top n/l
ln -s $(printf 'x%.0s' $(seq 100)) n/slow
mknod n/c c 4 5; mknod n/b b 300 70000; mkfifo n/p
head -c 300000 /dev/zero | tr '\0' 'a' > n/big
dd if=/dev/zero of=n/sparse bs=1k seek=3000 count=1 status=none
for i in 1 2 3 4 5 6 7; do dd if=/dev/zero of=n/holes bs=1k seek=$((i*20)) count=2 conv=notrunc status=none; done
truncate -s 5000 n/big; truncate -s 100000 n/f; truncate -s 50000 n/holes
mv n/g n/m/g; mv two-blocks n/m/; mv d/hello n/m/hello
rm d/hardlink; rmdir n/m 2>&1; rm fifo
i=0; while [ $i -lt 150 ]; do : > n/m/a-file-with-a-longer-name-$i; i=$((i+1)); done
rm n/m/a-file-with-a-longer-name-1*
chmod 4711 n/big; chown 70000:80000 n/p
touch -d '2001-02-03 04:05:06.789' n/f; stat -c '%n %y' n/f
stat -c '%n %f %h %u %g %s' n n/* n/m/g n/m/hello | sort
ls n/m | wc -l; ls n/m | sort | head -3
cat n/l; md5sum n/big n/f n/sparse n/holes n/m/two-blocks
cd /; umount /a; echo "umount $?"
mount -r /w/img /a; echo "again $?"
stat -c '%n %f %h %u %g %s' /a/n/* /a/n/m/g | sort
ls /a/n/m | wc -l; md5sum /a/n/big /a/n/f /a/n/holes; stat -c '%n %y' /a/n/f
stat -c "%n %i %b" /a/n/* /a/n/m/g /a/n/m; stat -f -c "%b %f %a %c %d" /a
umount /a
