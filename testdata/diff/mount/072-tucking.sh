# A mount propagated to a slave whose mountpoint is already covered is
# tucked under the existing mount.
mkdir /a /b
mount -t tmpfs A /a
mkdir /a/x
mount --make-shared /a
mount --bind /a /b
mount --make-slave /b
mount -t tmpfs S /b/x
echo s > /b/x/f
echo "== slave has its own mount on x"
cat /proc/self/mountinfo
mount -t tmpfs M /a/x
echo "== master mounts on x"
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE,PROPAGATION /b
cat /b/x/f
umount /a/x; echo "umount master $?"
echo "== tucked copy gone"
cat /proc/self/mountinfo
cat /b/x/f
