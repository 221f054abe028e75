mkdir -p /t/a/b /t/c
echo x > /t/a/b/f
ln -s /t/a /t/c/l1
ln -s ../c/l1 /t/c/l2
ln -s l2/b /t/c/l3
ln -s /t/c/l3/f /t/final
readlink -f /t/final
readlink -f /t/c/l3
readlink -f /t/c/l3/missing
readlink -f /t/c/../c/./l2/b/
readlink -f /t/nope/missing
echo "status $?"
