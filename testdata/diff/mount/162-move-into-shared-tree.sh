# MS_MOVE into a shared tree.
# 1. A shared mount with a peer elsewhere and a child: its tree is copied
#    to D's peer and slave, the copies joining X's and I's groups.
# 2. A slave of D moved under D: it is among the receivers the walk meets,
#    so it gets a copy of itself, and the copy on D2 a slave of its own.
# 3. A peer of D moved under D: a copy on itself and on every receiver.
mkdir /m
mount -t tmpfs M /m
mkdir /m/d /m/d2 /m/ds /m/x /m/x2 /m/s /m/p
mount -t tmpfs D /m/d
mkdir /m/d/sub /m/d/sub2 /m/d/sub3
mount --make-shared /m/d
mount --bind /m/d /m/d2
mount --bind /m/d /m/ds
mount --make-slave /m/ds
mount -t tmpfs X /m/x
mkdir /m/x/in
mount --make-shared /m/x
mount --bind /m/x /m/x2
mount -t tmpfs I /m/x/in
echo "== move shared X (peer X2, child I) into shared D"
mount --move /m/x /m/d/sub; echo "move $?"
cat /proc/self/mountinfo
echo "== move a slave of D under D"
mount --bind /m/d /m/s
mount --make-slave /m/s
mount --move /m/s /m/d/sub2; echo "move $?"
cat /proc/self/mountinfo
echo "== move a peer of D under D"
mount --bind /m/d /m/p
mount --move /m/p /m/d/sub3; echo "move $?"
cat /proc/self/mountinfo
