mkdir -p /new /mnt
mount -t tmpfs newroot /new
mount -t tmpfs keep /mnt
mkdir /new/old /new/proc
# Commands resolve through the old root after the pivot.
ln -s old/usr /new/usr; ln -s usr/bin /new/bin; ln -s usr/lib /new/lib; ln -s usr/lib64 /new/lib64
mount -t proc proc /new/proc
cd /mnt
pivot_root /new /new/old; echo "pivot $?"
pwd
echo "== after pivot_root"
cat /proc/self/mountinfo
cd /
umount /old; echo "umount old root $?"
umount -l /old; echo "umount -l old root $?"
echo "== old root detached"
while IFS= read -r l; do echo "$l"; done < /proc/self/mountinfo
