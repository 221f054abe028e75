mkdir /m /s
mount -t tmpfs m /m
mkdir /m/a
mount -t tmpfs a /m/a
mount --make-rshared /m
mount --rbind /m /s
echo "== rbind of rshared: peers"
cat /proc/self/mountinfo
mount --make-rslave /s; echo "rslave $?"
echo "== slaves"
cat /proc/self/mountinfo
mkdir /m/a/n /s/a/o
mount -t tmpfs n /m/a/n
mount -t tmpfs o /s/a/o
findmnt -R -o TARGET,SOURCE,PROPAGATION /m
findmnt -R -o TARGET,SOURCE,PROPAGATION /s
