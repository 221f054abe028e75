# A ptmx node outside devpts (as /dev/ptmx) allocates in the devpts
# mounted at "pts" beside it: ENOENT without one, ENODEV when what is
# there is no devpts or not its root; a bind of devpts's own ptmx works.
mkdir -p /t/d
mknod /t/d/ptmx c 5 2
cat /t/d/ptmx; echo rc=$?
mkdir /t/d/pts
cat /t/d/ptmx; echo rc=$?
mount -t tmpfs tmpfs /t/d/pts
cat /t/d/ptmx; echo rc=$?
umount /t/d/pts
mount -t devpts -o ptmxmode=666 devpts /t/d/pts
exec 3<>/t/d/ptmx; echo rc=$?
ls /t/d/pts
mkdir /t/e
mount --bind /t/d/pts /t/e
mkdir -p /t/f
mknod /t/f/ptmx c 5 2
mount --bind /t/d/pts/ptmx /t/f/ptmx
exec 4<>/t/e/ptmx 5<>/t/f/ptmx; echo rc=$?
ls /t/e
exec 3>&- 4>&- 5>&-
ls /t/d/pts
mount -o remount,mode=600,ptmxmode=000 /t/d/pts; echo rc=$?
findmnt -n -o OPTIONS /t/d/pts
stat -c '%a' /t/d/pts/ptmx
