mkdir /t
mknod /t/p p
mknod /t/c c 5 1
ln -s /t/c /t/cl
test -c /t/cl && echo "char via link"
stat -c '%n %F' /t/cl /t/c
rm /t/p /t/c /t/cl
echo "status $?"
ls -a /t
