# A change to a lower file copies it up first: data, mode and owner go
# to the upper layer with the change, the lower file stays as it was;
# appends, truncation, chmod, chown and a hard link each copy up, as do
# the parent directories of a file deep in a lower directory.
cd /tmp
mkdir -p l/d/sub u w m
echo one > l/a; echo two > l/b; echo three > l/c; echo deep > l/d/sub/f; echo e > l/e
chmod 640 l/b; chown 12:34 l/c
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
echo more >> m/a
: > m/b
chmod 600 m/c
echo new > m/d/sub/f
ln m/e m/e2
cat m/a m/d/sub/f; wc -c < m/b
ls -ln m u | sed 's/ [A-Z][a-z][a-z] .* / /'
ls -lnR u/d | sed 's/ [A-Z][a-z][a-z] .* / /'
cat l/a l/b l/d/sub/f
stat -c '%n %a %u:%g %s' l/b l/c m/b m/c u/b u/c
stat -c '%h' m/e u/e
echo data > m/newfile; cat u/newfile
umount m
