mkdir /t
mknod /t/p p
mknod /t/p p
echo "exists $?"
mknod /t/missing/p p
echo "missing $?"
mknod /t/p/x p
echo "under fifo $?"
stat -c '%n %a %F' /t/p
