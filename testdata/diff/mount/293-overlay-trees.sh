# Whole trees on an overlay: an upper directory moved into a lower one,
# writes through a symbolic link and a hard link (both copy up), rm -rf
# of a lower tree (one whiteout for its top), mkdir -p where it was
# (opaque), touch of a lower directory and truncate of a file in it
# (the lower layer untouched), an open for reading and writing, and
# rmdir of what is left.
cd /tmp
mkdir -p l/a/b/c l/k u/n w m
echo 1 > l/a/b/c/f; echo 2 > l/a/g; echo h > l/h; ln -s a/g l/lg; echo k > l/k/x
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
mv m/n m/a/; echo "mv=$?"; ls m/a
cat m/lg; echo mod > m/lg; cat l/a/g m/a/g
ln m/h m/h2; echo more >> m/h2; cat m/h; stat -c '%h' m/h m/h2
rm -rf m/a; echo "rm=$?"; ls -A m; find u | sort
mkdir -p m/a/b; ls -A m/a; find u | sort
touch -d '2002-01-01' m/k; stat -c '%y' m/k
truncate -s 1 m/k/x; od -c m/k/x | head -1; cat l/k/x
exec 4<>m/h; exec 4>&-; ls u | tr '\n' ' '; echo
rmdir m/a/b m/a; rmdir m/a 2>&1; ls -A m
umount m
