mkdir /a /b
mount -t tmpfs -o size=1m data /a
mount -t ramfs ram /b
echo "== tmpfs"
mount -t tmpfs
echo "== ramfs"
mount -t ramfs
echo "== proc"
mount -l -t proc
echo "== none"
mount -t ext2; echo "status $?"
