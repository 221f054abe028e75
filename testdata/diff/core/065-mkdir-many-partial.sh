mkdir /t
mkdir /t/a /t/b /t/a /t/c
echo "status $?"
mkdir /t/d/ /t/e//
echo "slashes $?"
mkdir /t/a/
echo "exists slash $?"
ls -1 /t
