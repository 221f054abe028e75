mkdir -p /t/d
cd /t/d
rmdir /t/d
pwd
ls
echo "ls $?"
touch x
echo "touch $?"
mkdir y
echo "mkdir $?"
cd /t && pwd
