mkdir -p /t/src/sub
mknod /t/src/p p
mknod /t/src/c c 1 3
mknod /t/src/sub/b b 7 1
cp -r /t/src /t/dst
echo "status $?"
stat -c '%n|%F|%t|%T' /t/dst/p /t/dst/c /t/dst/sub/b
