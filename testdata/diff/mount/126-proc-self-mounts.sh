mkdir /a /b
mount -t tmpfs -o size=1m,mode=700,noexec A /a
mkdir /a/s
mount --bind -o ro /a/s /b
cat /proc/self/mounts
echo "== /proc/mounts"
cat /proc/mounts
