mkdir /s
mount -t tmpfs S /s
mkdir /s/a
mount --make-shared /s
mount -t tmpfs A /s/a
unshare -m --propagation unchanged sh -c '
umount /s/a; echo "inner umount $?"
cat /proc/self/mountinfo'
echo "== outside lost it too"
cat /proc/self/mountinfo
