# Unmount propagation to slaves whose copies are covered.
# M is shared with a slave S1, itself shared with a slave S2. X on M
# reaches them as X1 and X2.
mkdir /k
mount -t tmpfs K /k
mkdir /k/m /k/s1 /k/s2
mount -t tmpfs M /k/m
mkdir /k/m/x /k/m/y
mount --make-shared /k/m
mount --bind /k/m /k/s1
mount --make-slave /k/s1
mount --make-shared /k/s1
mount --bind /k/s1 /k/s2
mount --make-slave /k/s2
mount -t tmpfs X /k/m/x
echo "== X, X1, X2"
cat /proc/self/mountinfo
# 1. A cover on X1 reaches X2 by propagation; one of X2's own is stacked
#    on that. umount of X takes X1 and X2; the covers slide down.
mount -t tmpfs C1 /k/s1/x
mount -t tmpfs C2 /k/s2/x
echo "== C1 on X1 and on X2, C2 on top of X2's"
cat /proc/self/mountinfo
umount /k/m/x; echo "umount X $?"
echo "== X X1 X2 gone, C1 C1' C2 slid down"
cat /proc/self/mountinfo
findmnt -n -o SOURCE /k/s1/x
findmnt -n -o SOURCE /k/s2/x
# 2. A cover on the master reaches the slaves too; umount then takes the
#    top of M's stack and its copies, and the X's stay.
mount -t tmpfs Y /k/m/y
mount -t tmpfs TOP /k/m/y
echo "== Y and TOP on M, S1, S2"
cat /proc/self/mountinfo
umount /k/m/y; echo "umount TOP $?"
findmnt -n -o SOURCE /k/s1/y
findmnt -n -o SOURCE /k/s2/y
# 3. umount -l of Y when Y2, made private, is covered by a mount of S2's
#    own that holds a mount of its own: Y2 goes all the same, the cover
#    slides down with what it holds.
mount --make-private /k/s2/y
mount -t tmpfs OWN /k/s2/y
mkdir /k/s2/y/z
mount -t tmpfs Z /k/s2/y/z
umount -l /k/m/y; echo "umount -l Y $?"
echo "== Y Y1 Y2 gone; OWN on S2 with Z"
cat /proc/self/mountinfo
