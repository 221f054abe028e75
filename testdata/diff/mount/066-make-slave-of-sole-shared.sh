mkdir /a /b
mount -t tmpfs A /a
mount --make-shared /a
mount --make-slave /a; echo "slave of sole shared $?"
findmnt -n -o PROPAGATION /a
mount -t tmpfs B /b
mount --make-shared /b
mount --bind /b /a
mount --make-slave /a; echo "slave with a peer $?"
findmnt -n -o TARGET,PROPAGATION -t tmpfs
mount --make-slave /a; echo "slave again $?"
cat /proc/self/mountinfo
