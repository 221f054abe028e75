# Renames on an overlay: a lower file moves (copied up, a whiteout left
# at the old name), an upper-only directory moves, and a directory of a
# lower layer cannot be renamed without redirect_dir (EXDEV), so mv
# falls back to copying it and removing the original.
cd /tmp
mkdir -p l/ld/sub u/ud w m
echo f > l/f; echo s > l/ld/sub/s; echo t > l/t
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
mv m/f m/g; echo "mv=$?"
mv m/ud m/vd; echo "mv=$?"
mv m/ld m/md; echo "mv=$?"
mv -f m/t m/g; echo "mv=$?"
ls -A m; ls -AR m/md; cat m/g m/md/sub/s
ls -l u | sed 's/ [A-Z][a-z][a-z] .* / /'
umount m
