# sharedsubtree.rst FAQ 3, with /root/tmp as the shared tree's tmp.
mkdir -p /root/tmp /root/usr
mount --bind /root /root
mount --make-shared /root
mkdir -p /root/tmp/m1
mount --rbind /root /root/tmp/m1
echo "== step 2"
cat /proc/self/mountinfo
mkdir -p /root/tmp/m2
mount --rbind /root /root/tmp/m2
echo "== step 3"
cat /proc/self/mountinfo
mkdir -p /root/tmp/m3
mount --rbind /root /root/tmp/m3
echo "== step 4"
findmnt -R -n -o TARGET /root
