mkdir /t
mknod /t/p p
mknod /t/null c 1 3
mknod /t/loop b 7 0
mknod /t/big c 259 65537
stat -c '%n|%F|%a|%t|%T' /t/p /t/null /t/loop /t/big
ls -1 /t
test -p /t/p && echo pipe
test -c /t/null && echo char
test -b /t/loop && echo block
