# An ext2 image of four block groups mounted read-write: the groups new
# directories go to (find_group_orlov: top directories spread by the
# hash of their names, others near their parents) and new files (their
# directory's group, find_group_other), shown by inode numbers; the free
# counts after.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext2 32M small -I 128 -O ^resize_inode -N 512
mkdir /a
mount /w/img /a; echo "mount $?"
cd /a
mkdir top1 top2 top3 alpha beta gamma; mkdir top1/sub top1/sub/deeper top2/x
for d in . top1 top2 top3 alpha beta gamma top1/sub top1/sub/deeper top2/x; do : > $d/file; echo data > $d/data; done
ln -s file top3/link; mkdir gamma/g1 gamma/g2
stat -c '%n %i' top1 top2 top3 alpha beta gamma top1/sub top1/sub/deeper top2/x gamma/g1 gamma/g2 */file */data top3/link
stat -f -c '%b %f %a %c %d' .
cd /; umount /a
