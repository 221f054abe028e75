# fallocate through an overlay: it copies a lower file up (the open for
# writing does) and allocates or punches in the upper copy; stat of the
# overlay follows the upper file.
cd /tmp; mkdir -p l u w m; echo abc > l/f
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
fallocate -l 8192 m/f; echo "rc=$?"; stat -c '%s %b' m/f u/f; head -c 3 m/f; echo
fallocate -p -o 0 -l 4096 m/f; echo "rc=$?"; stat -c '%s %b' m/f; od -c m/f | head -2
fallocate -l 100 m/new; echo "rc=$?"; stat -c '%s' m/new u/new
umount m
