mkdir /s
mount -t tmpfs S /s
mount --make-shared /s
mkdir /s/a /s/b
unshare -m --propagation unchanged sh -c '
mount -t tmpfs level1 /s/a
unshare -m --propagation unchanged sh -c "
mount -t tmpfs level2 /s/b
echo == level 2
cat /proc/self/mountinfo"
echo "== level 1"
cat /proc/self/mountinfo'
echo "== outside"
cat /proc/self/mountinfo
