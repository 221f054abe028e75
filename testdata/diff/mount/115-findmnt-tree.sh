mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a /mnt/b
mount -t tmpfs a /mnt/a
mount -t tmpfs -o size=1m b /mnt/b
mkdir /mnt/a/c
mount -t tmpfs c /mnt/a/c
echo "== whole tree, no harness binds"
findmnt -t tmpfs,proc
echo "== submounts of /mnt"
findmnt -R /mnt
echo "== submounts of /mnt/a"
findmnt --submounts /mnt/a
