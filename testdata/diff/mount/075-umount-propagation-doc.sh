# sharedsubtree.rst 5f: B1 B2 B3 peers, A then C stacked at b; umount C1.
mkdir /B1 /B2 /B3
mount -t tmpfs B /B1
mkdir /B1/b
mount --make-shared /B1
mount --bind /B1 /B2
mount --bind /B1 /B3
mount -t tmpfs A /B1/b
mount -t tmpfs C /B1/b
echo "== A and C on each peer"
cat /proc/self/mountinfo
umount /B1/b; echo "umount C1 $?"
echo "== the C's are gone"
cat /proc/self/mountinfo
