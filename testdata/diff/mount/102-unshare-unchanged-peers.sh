mkdir /s /p
mount -t tmpfs S /s
mount --make-shared /s
mkdir /s/a /s/b
mount -t tmpfs P /p
mkdir /p/a
unshare -m --propagation unchanged sh -c '
mount -t tmpfs from-inside /s/a
mount -t tmpfs private-inside /p/a
echo "== inside"
cat /proc/self/mountinfo'
echo "== outside"
cat /proc/self/mountinfo
