mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a
mount -t tmpfs -o mode=700 a /mnt/a
findmnt -J -R /mnt
findmnt -J -l -o TARGET,PROPAGATION -R /mnt
