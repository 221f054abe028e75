# With redirect_dir=on a merged or lower directory can be renamed: the
# upper copy records where its lower layers are (by name beside it, or
# by path from the root once it moved to another directory), lookups
# below it follow that, a whiteout hides the old name, mkdir there makes
# an opaque directory, and a later mount with the default
# (redirect_dir=follow) still follows what was recorded.
cd /tmp
mkdir -p l/d/sub l/x u w m; echo 1 > l/d/f; echo 2 > l/d/sub/g; echo 3 > l/x/h
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w,redirect_dir=on m || exit 1
findmnt -n -o OPTIONS m
mv m/d m/e; echo "mv=$?"; ls m m/e m/e/sub
mv m/e m/x/; echo "mv=$?"; ls -R m
cat m/x/e/f m/x/e/sub/g
mkdir m/d; ls -A m/d
ls -l u | awk '{print $1, $NF}'
umount m
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m; ls -R m; umount m
