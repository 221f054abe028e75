# An overlay keeps private copies of its layers' mounts: unmounting the
# mount a lower layer came from leaves the overlay reading it, and
# copy-up still works.
cd /tmp; mkdir -p L u w m; mount -t tmpfs t L; echo data > L/f; mkdir L/d
mount -t overlay overlay -o lowerdir=L,upperdir=u,workdir=w m || exit 1
umount L; echo "umount=$?"
cat m/f; ls m; echo more >> m/f; cat m/f; ls L | wc -l
umount m; echo "umount=$?"
