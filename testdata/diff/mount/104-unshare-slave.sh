mkdir /s
mount -t tmpfs S /s
mkdir /s/a
mount --make-shared /s
unshare -m --propagation slave sh -c '
echo "== inside"
cat /proc/self/mountinfo
mount -t tmpfs in-slave /s/a'
echo "== outside"
cat /proc/self/mountinfo
