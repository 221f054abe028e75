# sharedsubtree.rst 5b, destination shared: rows 1-4 of the table.
mkdir /B /B2 /Z /sh /pr /sl /un
mount -t tmpfs B /B
mkdir /B/1 /B/2 /B/3 /B/4
mount --make-shared /B
mount --bind /B /B2
mount -t tmpfs SH /sh; mount --make-shared /sh
mount -t tmpfs PR /pr
mount -t tmpfs Z /Z; mount --make-shared /Z
mount --bind /Z /sl; mount --make-slave /sl
mount -t tmpfs UN /un; mount --make-unbindable /un
mount --bind /sh /B/1; echo "shared src $?"
mount --bind /pr /B/2; echo "private src $?"
mount --bind /sl /B/3; echo "slave src $?"
mount --bind /un /B/4; echo "unbindable src $?"
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE,PROPAGATION /B2
