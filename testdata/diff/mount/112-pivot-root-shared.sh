mkdir /new
mount -t tmpfs new /new
mkdir /new/old
mount --make-shared /; echo "make / shared $?"
pivot_root /new /new/old; echo "pivot with shared root $?"
mount --make-private /
mount --make-shared /new
pivot_root /new /new/old; echo "pivot with shared new root $?"
mount --make-private /new
mkdir /new/sub
mount -t tmpfs sub /new/sub
mount --make-shared /new/sub
mkdir /new/sub/old
pivot_root /new /new/sub/old; echo "put_old on a shared mount $?"
cat /proc/self/mountinfo
