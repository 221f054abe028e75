mkdir -p /mnt
mount -t tmpfs -o bogus tmpfs /mnt; echo "bogus $?"
mount -t tmpfs -o size=abc tmpfs /mnt; echo "size $?"
mount -t tmpfs -o mode=abc tmpfs /mnt; echo "mode $?"
mount -t tmpfs -o nr_inodes=x tmpfs /mnt; echo "nr_inodes $?"
mount -t tmpfs -o uid=x tmpfs /mnt; echo "uid $?"
mount -t tmpfs -o gid=-1 tmpfs /mnt; echo "gid $?"
mount -t tmpfs -o size tmpfs /mnt; echo "size without value $?"
mount -t proc -o bogus proc /mnt; echo "proc bogus $?"
cat /proc/self/mountinfo
