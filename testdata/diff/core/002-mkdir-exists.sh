mkdir /t
mkdir /t/d; echo "first $?"
mkdir /t/d; echo "second $?"
echo x > /t/f
mkdir /t/f; echo "over file $?"
ln -s /t/nowhere /t/dangling
mkdir /t/dangling; echo "over dangling symlink $?"
ls -a /t
