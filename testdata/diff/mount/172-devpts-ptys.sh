# Opening a devpts instance's ptmx makes a pty: node N (c 136:N) with
# mode= and gid=, locked (opening it fails EIO); the lowest free index
# is taken, max= bounds them, and a node goes when its master closes.
mkdir -p /t/pts
mount -t devpts -o ptmxmode=666,mode=620,gid=5,max=3 devpts /t/pts
exec 3<>/t/pts/ptmx 4<>/t/pts/ptmx 5<>/t/pts/ptmx
ls /t/pts
stat -c '%n %F %a %u %g %t:%T %i %h' /t/pts/0 /t/pts/2
cat /t/pts/1; echo rc=$?
cat /t/pts/ptmx; echo rc=$?
exec 4>&-
ls /t/pts
exec 4<>/t/pts/ptmx
ls /t/pts
exec 3>&- 4>&- 5>&-
ls /t/pts
umount /t/pts; echo rc=$?
