# umount -l of trees with slaves and shared children.
# 1. T on a shared P, copied as T' onto P's slave S. A (shared, with a
#    peer AX outside the tree and a slave AY) and B are mounted in T, and
#    reach T'; L is mounted in T' only. umount -l of T: A' and B' go with
#    it, T' stays (L is in it), and AY goes over to AX.
mkdir /v1
mount -t tmpfs V1 /v1
mkdir /v1/p /v1/s /v1/ax /v1/ay
mount -t tmpfs P /v1/p
mkdir /v1/p/t
mount --make-shared /v1/p
mount --bind /v1/p /v1/s
mount --make-slave /v1/s
mount -t tmpfs T /v1/p/t
mkdir /v1/p/t/a /v1/p/t/b /v1/p/t/l
mount -t tmpfs A /v1/p/t/a
mkdir /v1/p/t/a/q
mount -t tmpfs B /v1/p/t/b
mount --bind /v1/p/t/a /v1/ax
mount --bind /v1/p/t/a /v1/ay
mount --make-slave /v1/ay
mount -t tmpfs L /v1/s/t/l
echo "== T with A and B, on P and its slave S; L in T' only"
cat /proc/self/mountinfo
umount -l /v1/p/t; echo "umount -l T $?"
echo "== T' stays with L; A' B' gone"
cat /proc/self/mountinfo
mount -t tmpfs Q /v1/ax/q
echo "== Q on AX reaches AY"
cat /proc/self/mountinfo
# 2. umount -l of a tree that holds the cwd, whose root is shared with a
#    slave chain below it: the slaves' copies go, the cwd still works.
mkdir /v2
mount -t tmpfs V2 /v2
mkdir /v2/m /v2/s1 /v2/s2
mount -t tmpfs M /v2/m
mkdir /v2/m/x
mount --make-shared /v2/m
mount --bind /v2/m /v2/s1
mount --make-slave /v2/s1
mount --make-shared /v2/s1
mount --bind /v2/s1 /v2/s2
mount --make-slave /v2/s2
mount -t tmpfs X /v2/m/x
mkdir /v2/m/x/y
mount -t tmpfs Y /v2/m/x/y
echo file > /v2/m/x/y/f
cd /v2/s2/x/y
echo "== X and Y on M, S1 and S2"
cat /proc/self/mountinfo
umount -l /v2/m/x; echo "umount -l X $?"
cat f
cd /
echo "== all copies gone"
cat /proc/self/mountinfo
# 3. umount -l of a shared tree's middle: the children's peers elsewhere
#    keep receiving, the children's slaves go over to them.
mkdir /v3
mount -t tmpfs V3 /v3
mkdir /v3/r /v3/c
mount -t tmpfs R /v3/r
mkdir /v3/r/m
mount --make-shared /v3/r
mount --rbind /v3/r /v3/c
mount -t tmpfs MID /v3/r/m
mkdir /v3/r/m/k /v3/r/m/j
mount -t tmpfs K /v3/r/m/k
mkdir /v3/r/m/k/z
mount --make-slave /v3/c/m/k
echo "== R with MID and K, R's copy C with a slave K"
cat /proc/self/mountinfo
umount -l /v3/c/m; echo "umount -l MID via C $?"
cat /proc/self/mountinfo
