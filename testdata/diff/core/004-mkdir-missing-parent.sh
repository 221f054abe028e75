mkdir /t
mkdir /t/x/y
echo "status $?"
mkdir /t/a /t/b/c /t/d
echo "status $?"
ls -1 /t
