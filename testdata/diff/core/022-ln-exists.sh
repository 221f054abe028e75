mkdir /t
echo a > /t/a
ln -s /t/a /t/l
ln -s /t/a /t/l
echo "symlink $?"
ln /t/a /t/h
ln /t/a /t/h
echo "hard $?"
ln /t/missing /t/h2
echo "hard missing $?"
ls -1 /t
