# sharedsubtree.rst 5d: a non-shared destination keeps the moved mount's state.
mkdir /dst /z /sh /pr /sl /un
mount -t tmpfs dst /dst
mkdir /dst/1 /dst/2 /dst/3 /dst/4
mount -t tmpfs SH /sh; mount --make-shared /sh
mount -t tmpfs PR /pr
mount -t tmpfs Z /z; mount --make-shared /z
mount --bind /z /sl; mount --make-slave /sl
mount -t tmpfs UN /un; mount --make-unbindable /un
mount -n --move /sh /dst/1; echo "shared $?"
mount -n --move /pr /dst/2; echo "private $?"
mount -n --move /sl /dst/3; echo "slave $?"
mount -n --move /un /dst/4; echo "unbindable $?"
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE,PROPAGATION /dst
