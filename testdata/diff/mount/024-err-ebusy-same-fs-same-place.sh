mkdir /q /r
mount -t mqueue mq /q; echo "first $?"
mount -t mqueue mq /q; echo "same fs same place $?"
mount -t mqueue mq /r; echo "same fs elsewhere $?"
mount -t tmpfs tmpfs /r; echo "other fs on top $?"
mount -t mqueue mq /r; echo "now allowed $?"
cat /proc/self/mountinfo
