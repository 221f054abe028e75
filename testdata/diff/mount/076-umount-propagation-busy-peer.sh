# sharedsubtree.rst 5f: a peer copy with submounts is not unmounted;
# C1 with submounts cannot be unmounted at all.
mkdir /B1 /B2 /B3
mount -t tmpfs B /B1
mkdir /B1/b
mount --make-shared /B1
mount --bind /B1 /B2
mount --bind /B1 /B3
mount -t tmpfs C /B1/b
mount --make-private /B2/b
mkdir /B2/b/sub
mount -t tmpfs sub /B2/b/sub
echo "== C2 has a submount"
cat /proc/self/mountinfo
umount /B1/b; echo "umount C1 $?"
echo "== C2 stays"
cat /proc/self/mountinfo
umount /B2/b; echo "umount C2 with submount $?"
