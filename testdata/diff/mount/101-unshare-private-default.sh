mkdir -p /mnt /s
mount -t tmpfs S /s
mount --make-shared /s
mkdir /s/in
unshare -m sh -c '
mount -t tmpfs inner /mnt
mount -t tmpfs inner2 /s/in
echo "== inside"
cat /proc/self/mountinfo'
echo "exit $?"
echo "== outside"
cat /proc/self/mountinfo
