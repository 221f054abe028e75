mkdir -p /a /b /mnt
mount -t tmpfs data /a
mkdir /a/sub
mount --bind /a/sub /b
mount -t tmpfs one /mnt
mount -t tmpfs two /mnt
findmnt -t tmpfs
findmnt /mnt
findmnt -n -o SOURCE /b
findmnt -l -n -o SOURCE,TARGET -S data
