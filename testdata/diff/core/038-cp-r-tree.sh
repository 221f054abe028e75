mkdir -p /t/src/a/b /t/src/c
echo 1 > /t/src/one
echo 2 > /t/src/a/two
echo 3 > /t/src/a/b/three
cp -r /t/src /t/copy
echo "status $?"
ls -R /t/copy
cat /t/copy/a/b/three
mkdir /t/exist
cp -r /t/src /t/exist
ls -R /t/exist
