# Unmount propagation corners.
# 1. Slave of a slave with the middle mount's peer unmounted: C (slave of
#    B) goes over to B's peer B2, and when B2 goes too, to A.
mkdir /u1
mount -t tmpfs U1 /u1
mkdir /u1/a /u1/b /u1/b2 /u1/c /u1/t
mount -t tmpfs A /u1/a
mkdir /u1/a/x /u1/a/y
mount --make-shared /u1/a
mount --bind /u1/a /u1/b
mount --make-slave /u1/b
mount --make-shared /u1/b
mount --bind /u1/b /u1/c
mount --make-slave /u1/c
mount --bind /u1/b /u1/b2
echo "== A, B+B2 slave of A, C slave of B"
cat /proc/self/mountinfo
umount /u1/b; echo "umount B $?"
mount -t tmpfs X /u1/a/x
echo "== X reached B2 and, through it, C"
cat /proc/self/mountinfo
umount -l /u1/b2; echo "umount -l B2 $?"
mount -t tmpfs Y /u1/a/y
echo "== with B2 gone too, C receives from A itself"
cat /proc/self/mountinfo
# 2. umount -l of a mount whose copies have children: Q's copy keeps a
#    child of its own (Z) and stays, private; R's copy is only topped (T)
#    and goes, T sliding down onto R.
mkdir /u2
mount -t tmpfs U2 /u2
mkdir /u2/p /u2/q /u2/r
mount -t tmpfs P /u2/p
mkdir /u2/p/x /u2/p/w
mount --make-shared /u2/p
mount --bind /u2/p /u2/q
mount --make-slave /u2/q
mount --bind /u2/p /u2/r
mount --make-slave /u2/r
mount -t tmpfs X /u2/p/x
mkdir /u2/q/x/z /u2/r/x/k
mount -t tmpfs Z /u2/q/x/z
mount -t tmpfs T /u2/r/x
echo "== X on P, Q, R; Z inside Q's copy; T on top of R's copy"
cat /proc/self/mountinfo
umount -l /u2/p/x; echo "umount -l $?"
echo "== Q's copy stays (Z in it), R's goes and T slides down"
cat /proc/self/mountinfo
mount -t tmpfs W /u2/p/w
cat /proc/self/mountinfo
# 3. The receivers of two unmounted peers handed to the peer that stays,
#    in front of its own: the order shows in the copies' IDs.
mkdir /u3
mount -t tmpfs U3 /u3
mkdir /u3/t /u3/a /u3/s1 /u3/s2 /u3/s3
mount -t tmpfs A /u3/a
mkdir /u3/a/x
mount --make-shared /u3/a
mkdir /u3/t/1 /u3/t/2
mount --bind /u3/a /u3/t/1
mount --bind /u3/a /u3/t/2
mount --bind /u3/t/1 /u3/s1
mount --make-slave /u3/s1
mount --bind /u3/t/2 /u3/s2
mount --make-slave /u3/s2
mount --bind /u3/a /u3/s3
mount --make-slave /u3/s3
echo "== A, T1, T2 peers; S1 S2 S3 slaves"
cat /proc/self/mountinfo
umount -l /u3/t/1 /u3/t/2; echo "umount -l $?"
mount -t tmpfs X /u3/a/x
echo "== order of the copies on the slaves"
cat /proc/self/mountinfo
