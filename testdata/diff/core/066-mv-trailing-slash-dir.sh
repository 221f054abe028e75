mkdir -p /t/d
touch /t/d/x
mv /t/d/ /t/e
echo "status $?"
ln -s /t/e /t/l
mv /t/l /t/m
readlink /t/m
ls -1 /t
ls /t/m/
