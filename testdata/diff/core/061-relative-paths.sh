mkdir /t
cd /t
mkdir a a/b
cd a
touch ../top b/deep
ls ..
pwd
cd b
echo hi > ../../top
cat /t/top
ls -R ..
