# The copies in a namespace leave their peer groups when the namespace dies.
mkdir /s
mount -t tmpfs S /s
mount --make-shared /s
mkdir /s/in
unshare -m --propagation unchanged sh -c 'mount -t tmpfs inner /s/in; mount --make-shared /s/in'
echo "== the propagated mount's peer is gone"
cat /proc/self/mountinfo
mount --make-slave /s/in; echo "make-slave $?"
mount --make-slave /s; echo "make-slave $?"
echo "== both private: no peer left to be a slave of"
cat /proc/self/mountinfo
