# An ext2 image mounted read-write: files, directories, links, symlinks
# and device nodes made, written, truncated, renamed and removed; the
# inode numbers, sizes and blocks they get, statfs's free counts, the
# mount's lines; then mounted again read-only to see it all kept.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext2 8M small -I 128 -O ^resize_inode
mkdir /a
mount /w/img /a; echo "mount $?"
findmnt -no FSTYPE,OPTIONS /a
cd /a
mkdir n n/m; echo hello > n/f; ln n/f n/g; ln -s ../top n/l
ln -s $(printf 'x%.0s' $(seq 100)) n/slow
mknod n/c c 4 5; mknod n/b b 300 70000; mkfifo n/p
head -c 20000 /dev/zero | tr '\0' 'a' > n/big
dd if=/dev/zero of=n/sparse bs=1k seek=300 count=1 status=none
truncate -s 5000 n/big; truncate -s 100000 n/f
mv n/g n/m/g; mv two-blocks n/m/; mv d/hello n/m/hello
rm d/hardlink; rmdir n/m 2>&1; rm fifo
chmod 4711 n/big; chown 70000:80000 n/p
touch -d '2001-02-03 04:05:06.789' n/f; stat -c '%n %y %x' n/f
stat -c '%n %i %f %h %u %g %s %b' n n/* n/m/* | sort
ls -f n | sort | tr '\n' ' '; echo
stat -f -c '%b %f %a %c %d' .
cat n/l; md5sum n/big n/f n/sparse
cd /; umount /a; echo "umount $?"
mount -r /w/img /a; echo "again $?"
stat -c '%n %i %f %h %u %g %s %b' /a/n/* /a/n/m/* | sort
stat -f -c '%b %f %a %c %d' /a; stat -c '%n %y' /a/n/f
umount /a
