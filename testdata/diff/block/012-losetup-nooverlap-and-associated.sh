# losetup --nooverlap reuses a device that maps the same span of the
# file (clearing its autoclear flag) and refuses one that overlaps it or
# is read-only for a read-write request; -j finds a file's devices by
# inode, through a symlink or a relative name, optionally at an offset.
mkdir /w; mount -t tmpfs w /w
head -c 1048576 /dev/zero > /w/f
head -c 4096 /dev/zero > /w/g
ln -s f /w/lnk
a=$(losetup -f --show -o 4096 --sizelimit 8192 /w/f); echo "a $?"
r=$(losetup -L -f --show -o 4096 --sizelimit 8192 /w/f); echo "same span $?"
[ "$r" = "$a" ] && echo "reused"
losetup -L -f --show -o 8192 /w/f; echo "overlap $?"
losetup -L -f --show --sizelimit 4096 /w/f; echo "ends where a starts $?"
losetup -j /w/f -o 0; echo "j offset 0 $?"
losetup -L -f --show -o 12288 --sizelimit 4096 /w/lnk; echo "after a $?"
n=$(losetup -f)
losetup -L "$n" /w/f; echo "named overlap $?"
losetup -l -n -O NAME,OFFSET,SIZELIMIT,AUTOCLEAR
cd /w
losetup -j f; echo "j relative $?"
losetup -j lnk -o 4096; echo "j link offset $?"
losetup -j /w/f -o 1; echo "j no such offset $?"
losetup -j /w/nothing; echo "j missing $?"
ro=$(losetup -r -f --show g)
losetup -L -f --show /w/g; echo "read-only overlap $?"
r2=$(losetup -L -r -f --show /w/g); echo "read-only reuse $?"
[ "$r2" = "$ro" ] && echo "reused"
losetup -j g
losetup -D; echo "detach all $?"
losetup -a; echo "left $?"
