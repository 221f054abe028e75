mkdir -p /t/d
touch /t/empty
echo data > /t/full
ln -s /t/full /t/link
mknod /t/fifo p
stat -c '%n|%F|%s|%a|%A|%h' /t/empty /t/full /t/link /t/d /t/fifo
stat -c '%N' /t/link /t/full
stat /t/missing
echo "missing $?"
