mkdir /t
touch /x/y
echo "status $?"
echo data > /t/f
touch /t/f/y
echo "status $?"
touch /t/new /t/missing/a /t/new2
echo "status $?"
ls -1 /t
