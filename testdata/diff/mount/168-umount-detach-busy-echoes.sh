# MNT_DETACH against busy echoes: X on a shared M reaches M's slaves S1
# and S2 as X1 and X2.
mkdir /w
mount -t tmpfs W /w
mkdir /w/m /w/s1 /w/s2
mount -t tmpfs M /w/m
mkdir /w/m/x
mount --make-shared /w/m
mount --bind /w/m /w/s1
mount --make-slave /w/s1
mount --bind /w/m /w/s2
mount --make-slave /w/s2
mount -t tmpfs X /w/m/x
mkdir /w/m/x/d
echo data > /w/m/x/f
echo "== X, X1, X2"
cat /proc/self/mountinfo
# 1. An echo is someone's cwd, or has an open file: plain umount is EBUSY.
cd /w/s1/x
umount /w/m/x; echo "X1 is the cwd: $?"
cd /
exec 3</w/s2/x/f
umount /w/m/x; echo "X2 has an open file: $?"
# 2. Only covered on its root, the echo still counts as busy.
mount -t tmpfs C /w/s2/x
umount /w/m/x; echo "X2 covered and open: $?"
umount /w/s2/x; echo "uncover $?"
# 3. With a mount inside it, a busy echo would stay: it does not count.
mount -t tmpfs D /w/s2/x/d
umount /w/m/x; echo "X2 holds D and an open file: $?"
echo "== X and X1 gone, X2 stays"
cat /proc/self/mountinfo
exec 3<&-
# 4. MNT_DETACH takes a busy echo all the same.
mount -t tmpfs Y /w/m/x
echo "== Y on M and S1; on S2, Y2 went under X2"
cat /proc/self/mountinfo
cd /w/s1/x
umount /w/m/x; echo "Y1 is the cwd: $?"
umount -l /w/m/x; echo "umount -l $?"
ls
cd /
echo "== Y and its echoes gone, X2 back on S2"
cat /proc/self/mountinfo
# 5. The target itself busy, its echoes idle: EBUSY, and nothing moves.
mount -t tmpfs Z /w/m/x
exec 4</w/m/x
umount /w/m/x; echo "Z open: $?"
umount -l /w/m/x; echo "umount -l Z open: $?"
exec 4<&-
cat /proc/self/mountinfo
