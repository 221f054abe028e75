# util-linux reads the mount table from /proc/self/mountinfo: in a new
# root without /proc, findmnt and mount list nothing, umount -l fails for
# want of the table (a plain umount of a directory does not need it),
# mountpoint falls back to comparing a directory with its parent.
mkdir -p /mnt
unshare -m sh -c '
mount -t tmpfs nr /mnt
mkdir /mnt/usr /mnt/old /mnt/a /mnt/b /mnt/proc
for l in bin sbin lib lib64; do ln -s usr/$l /mnt/$l; done
mount --rbind /usr /mnt/usr
cd /mnt && pivot_root . old && cd / && echo pivoted
findmnt; echo "findmnt $?"
findmnt /a; echo "findmnt /a $?"
mount; echo "mount $?"
mount -t tmpfs a /a; echo "mount a $?"
mountpoint /a; mountpoint /b; mountpoint /; mountpoint -d /a | grep -q : && echo "devno shown"
umount /a; echo "umount $?"
mount -t tmpfs a /a; umount -l /a; echo "umount -l $?"
umount -l /old; echo "umount old $?"
mount -t proc proc /proc; umount -l /a; echo "with proc $?"
' 2>&1
