# sharedsubtree.rst 5d: the state of a moved mount depends on the destination.
mkdir /dst /z /z2 /sh /pr /sl /un
mount -t tmpfs dst /dst
mount --make-shared /dst
mkdir /dst/1 /dst/2 /dst/3 /dst/4
mount --bind /dst /z2
mount -t tmpfs SH /sh; mount --make-shared /sh
mount -t tmpfs PR /pr
mount -t tmpfs Z /z; mount --make-shared /z
mount --bind /z /sl; mount --make-slave /sl
mount -t tmpfs UN /un; mount --make-unbindable /un
echo "== before"
cat /proc/self/mountinfo
mount -n --move /sh /dst/1; echo "shared -> shared $?"
mount -n --move /pr /dst/2; echo "private -> shared $?"
mount -n --move /sl /dst/3; echo "slave -> shared $?"
mount -n --move /un /dst/4; echo "unbindable -> shared $?"
echo "== after"
cat /proc/self/mountinfo
