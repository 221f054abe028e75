# sharedsubtree.rst 5c: A with B, C under it, D E under B, F G under C; C unbindable.
mkdir /A /Z
mount -t tmpfs A /A
mkdir /A/B /A/C
mount -t tmpfs B /A/B
mount -t tmpfs C /A/C
mkdir /A/B/D /A/B/E /A/C/F /A/C/G
mount -t tmpfs D /A/B/D
mount -t tmpfs E /A/B/E
mount -t tmpfs F /A/C/F
mount -t tmpfs G /A/C/G
mount --make-unbindable /A/C; echo "unbindable $?"
mount --rbind /A /Z; echo "rbind $?"
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE,PROPAGATION /Z
ls /Z/C
