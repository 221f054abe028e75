mkdir -p /t/d
echo x > /t/f
ln -s /t/d /t/l
rmdir /t/f; echo "file $?"
rmdir /t/nope; echo "missing $?"
rmdir /t/l; echo "symlink $?"
rmdir /t/d/.; echo "dot $?"
rmdir /t/f/; echo "file slash $?"
ls -1 /t
