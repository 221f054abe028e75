# An overlay of lower layers only is read-only: the superblock is "ro"
# in mountinfo, every change fails with EROFS, and reads merge the layers.
cd /tmp
mkdir -p l1/d l2/d m
echo a > l1/a; echo b > l2/b; echo x > l2/d/x
mount -t overlay overlay -o lowerdir=l1:l2 m; echo "rc=$?"
grep ' /tmp/m ' /proc/self/mountinfo | cut -d' ' -f6,9-
ls m m/d; cat m/a m/b m/d/x
touch m/new; echo "rc=$?"
echo x >> m/a; echo "rc=$?"
rm m/b; echo "rc=$?"
mkdir m/n; echo "rc=$?"
chmod 600 m/a; echo "rc=$?"
mv m/a m/z; echo "rc=$?"
mount -o remount,rw m; echo "rc=$?"
umount m
