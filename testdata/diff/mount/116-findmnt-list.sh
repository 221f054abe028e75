mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a
mount -t tmpfs a /mnt/a
findmnt -l -t tmpfs,proc
echo "== -l -R"
findmnt -l -R /mnt
echo "== -ln"
findmnt -ln -t tmpfs
echo "== -n tree"
findmnt -n -R /mnt
