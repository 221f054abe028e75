# A new root that binds /usr in (and links /bin, /sbin, /lib, /lib64 to
# it, as a merged-/usr system has them) keeps every command after
# pivot_root, even once the old root is gone; one without /usr keeps only
# the shell's builtins.
mkdir -p /mnt /mnt2
unshare -m sh -c '
mount -t tmpfs nr /mnt
mkdir /mnt/usr /mnt/old /mnt/proc
for l in bin sbin lib lib64; do ln -s usr/$l /mnt/$l; done
mount --rbind /usr /mnt/usr
cd /mnt && pivot_root . old && cd / && echo pivoted
ls /
mountpoint /usr
umount -l /old; echo "umount $?"
command -v ls findmnt
mount -t proc proc /proc && findmnt -n -o TARGET,FSTYPE /proc
ls /old | wc -l
'
echo "== without /usr"
unshare -m sh -c '
mount -t tmpfs nr /mnt2
mkdir /mnt2/old
cd /mnt2 && pivot_root . old && cd / && echo pivoted
ls /; echo "ls $?"
echo builtins work; pwd; printf "%s\n" *
/old/usr/bin/ls -d /old 2>/dev/null; echo "through the old root: $?"
' 2>&1
