mkdir /r /p
mount -t ramfs ramfs /r; echo "ramfs $?"
mount -t ramfs -o mode=700 ramfs2 /r; echo "ramfs mode $?"
stat -c '%a' /r
mount -t proc proc /p; echo "proc $?"
test -e /p/self/mountinfo && echo "proc works"
cat /proc/self/mountinfo
echo "== through the second proc"
cat /p/self/mountinfo
