mkdir -p /t/a/b
mv /t/a /t/a/b
echo "status $?"
mv /t/a /t/a
echo "same $?"
mv /t/a/b /t/a/b/c
echo "deeper $?"
ls -R /t
