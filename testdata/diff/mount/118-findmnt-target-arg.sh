mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/x
mount -t tmpfs x /mnt/x
touch /mnt/x/file
findmnt /mnt; echo "status $?"
findmnt /mnt/x/; echo "trailing slash $?"
findmnt -T /mnt/x/file; echo "-T file $?"
findmnt --target /mnt/nosuch-but-under; echo "-T missing $?"
findmnt -M /mnt/x; echo "-M $?"
findmnt --mountpoint /mnt/x/file; echo "-M file $?"
findmnt -n -o SOURCE --target /; echo "-T / $?"
