mkdir /t
echo x > /t/f
ln -s /t/f /t/l
readlink /t/l
readlink /t/f
echo "non-link $?"
readlink /t/missing
echo "missing $?"
ln -s "" /t/empty
echo "empty target $?"
