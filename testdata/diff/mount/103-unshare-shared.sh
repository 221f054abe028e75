mkdir /s /p
mount -t tmpfs S /s
mkdir /s/a
mount --make-shared /s
mount -t tmpfs P /p
mkdir /p/a
unshare -m --propagation shared sh -c '
echo "== inside"
cat /proc/self/mountinfo
mount -t tmpfs in-s /s/a
mount -t tmpfs in-p /p/a'
echo "== outside"
cat /proc/self/mountinfo
