# sharedsubtree.rst FAQ 3, the unbindable solution.
mkdir -p /root/tmp /root/usr
mount --bind /root /root
mount --bind /root/tmp /root/tmp
mount --make-rshared /root
mount --make-unbindable /root/tmp
mkdir -p /root/tmp/m1
mount --rbind /root /root/tmp/m1
echo "== step 2"
cat /proc/self/mountinfo
mkdir -p /root/tmp/m2
mount --rbind /root /root/tmp/m2
mkdir -p /root/tmp/m3
mount --rbind /root /root/tmp/m3
echo "== step 4"
cat /proc/self/mountinfo
findmnt -R -o TARGET,PROPAGATION /root
