# Directories of an ext2 image mounted read-write growing past one block:
# the kernel indexes them (make_indexed_dir) and splits full leaves by
# hash (do_split); ls -f shows the hash order, stat the blocks used; names
# removed and added again reuse the room.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext2 8M small -I 128 -O ^resize_inode
mkdir /a
mount /w/img /a; echo "mount $?"
cd /a
mkdir big small
for i in $(seq 1 400); do : > big/file-number-$i; done
for i in $(seq 1 30); do : > small/f$i; done
stat -c '%n %s %b %h' big small
ls -f big | md5sum; ls -f big | head -5; ls -f small | tr '\n' ' '; echo
rm big/file-number-1*; for i in $(seq 500 520); do : > big/new-$i; done
stat -c '%n %s %b' big; ls -f big | md5sum
mv small/f1 big/moved; ln big/file-number-2 small/again
ls -f small | tr '\n' ' '; echo
stat -f -c '%b %f %a %c %d' .
cd /; umount /a
mount -r /w/img /a; ls -f /a/big | md5sum; stat -c '%n %s %b' /a/big; umount /a
