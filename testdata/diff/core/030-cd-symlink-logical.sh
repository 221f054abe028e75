mkdir -p /t/a/b
ln -s /t/a/b /t/l
cd /t/l
pwd
pwd -P
cd ..
pwd
cd -P /t/l
pwd
cd ..
pwd
