# sharedsubtree.rst 5a(3): a slave made shared is shared and slave.
mkdir /m /s /t
mount -t tmpfs M /m
mkdir /m/x /m/y
mount --make-shared /m
mount --bind /m /s
mount --make-slave /s
mount --make-shared /s; echo "make-shared on slave $?"
mount --bind /s /t
echo "== m shared, s and t peers that are slaves of m"
cat /proc/self/mountinfo
findmnt -o TARGET,PROPAGATION -t tmpfs
mount -t tmpfs X /m/x
mount -t tmpfs Y /t/y
echo "== x from the master reaches s and t; y from t reaches s only"
cat /proc/self/mountinfo
