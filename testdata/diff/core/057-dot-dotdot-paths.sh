mkdir -p /t/a/b
mkdir /t/a/../x
echo f > /t/a/./b/../file
ls -1 /t /t/a
cat /t/x/../a/file
echo x > /t/reg
cat /t/reg/../a/file
echo "through file $?"
cd /t/a/b
cd ../..
pwd
