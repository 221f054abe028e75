# umount of a mount whose peers' copies have children that block.
# X is mounted on A, whose peers B, C, D and E get copies XB..XE; each copy
# is then made private and given children of its own:
#   XB: a mount inside it, not on its root: XB stays;
#   XC: a mount on its root only: XC goes, the cover slides down onto C;
#   XD: a stack of two on its root, the top one with a child: XD goes,
#       the stack slides down whole;
#   XE: nothing: it goes.
mkdir /p
mount -t tmpfs P /p
mkdir /p/a /p/b /p/c /p/d /p/e
mount -t tmpfs A /p/a
mkdir /p/a/x
mount --make-shared /p/a
for n in b c d e; do mount --bind /p/a /p/$n; done
mount -t tmpfs X /p/a/x
mkdir /p/a/x/in
for n in b c d e; do mount --make-private /p/$n/x; done
mount -t tmpfs IN /p/b/x/in
mount -t tmpfs COVER /p/c/x
mount -t tmpfs LOW /p/d/x
mount -t tmpfs HIGH /p/d/x
mkdir /p/d/x/k
mount -t tmpfs K /p/d/x/k
echo "== X on A with its copies"
cat /proc/self/mountinfo
umount /p/a/x; echo "umount X $?"
echo "== XB stays, XC XD XE go, the covers slide down"
cat /proc/self/mountinfo
findmnt -n -o SOURCE /p/c/x
findmnt -n -o SOURCE /p/d/x
# 2. A copy whose child is itself a copy: X, with Y in it, on F, whose
#    peer G's copy of Y is covered by a mount of G's own. A plain umount
#    of X is EBUSY (Y is in it); umount -l takes YG, its cover slides onto
#    XG, and XG stays (the cover is in it), shared, alone in its group.
mkdir /q
mount -t tmpfs Q /q
mkdir /q/f /q/g
mount -t tmpfs F /q/f
mkdir /q/f/x
mount --make-shared /q/f
mount --bind /q/f /q/g
mount -t tmpfs X /q/f/x
mkdir /q/f/x/y
mount -t tmpfs Y /q/f/x/y
mount --make-private /q/g/x/y
mount -t tmpfs OVER /q/g/x/y
echo "== X and Y on F and G, G's Y covered"
cat /proc/self/mountinfo
umount /q/f/x; echo "umount X $?"
umount -l /q/f/x; echo "umount -l X $?"
echo "== XG stays, with OVER on it where YG was"
cat /proc/self/mountinfo
# 3. The mount a peer's copy holds is busy: that copy stays, so it is
#    no obstacle to a plain umount.
mkdir /r
mount -t tmpfs R /r
mkdir /r/h /r/i
mount -t tmpfs H /r/h
mkdir /r/h/x
mount --make-shared /r/h
mount --bind /r/h /r/i
mount -t tmpfs X /r/h/x
mkdir /r/h/x/in
mount --make-private /r/i/x
mount -t tmpfs IN /r/i/x/in
cd /r/i/x/in
umount /r/h/x; echo "umount X, XI's child is the cwd: $?"
cd /
cat /proc/self/mountinfo
