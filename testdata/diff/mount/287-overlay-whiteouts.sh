# Removing a lower entry leaves a whiteout in the upper layer (a 0:0
# character device, shared by link with the work directory's), removing
# an upper-only entry leaves nothing, a directory made over a whiteout is
# opaque (the lower directory's entries stay hidden), and a file made
# over a whiteout replaces it.
cd /tmp
mkdir -p l/d l/k u w m
echo a > l/a; echo b > l/b; echo x > l/d/x; echo y > l/k/y
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
echo up > m/up
rm m/a m/up; echo "rm=$?"
rm -r m/d; echo "rm -r=$?"
ls -A m; ls -l u | sed 's/ [A-Z][a-z][a-z] .* / /'
stat -c '%n %F %t:%T %h' u/a u/d
mkdir m/d; ls -A m/d; echo "empty: $(ls -A u/d | wc -l)"
echo again > m/a; cat m/a; stat -c '%n %F' u/a
rmdir m/k 2>&1; echo "rmdir=$?"
rm m/k/y; rmdir m/k; echo "rmdir=$?"
ls -A m; ls -A u
cat m/a m/b
umount m
