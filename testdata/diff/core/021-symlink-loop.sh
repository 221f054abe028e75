mkdir /t
ln -s /t/l2 /t/l1
ln -s /t/l1 /t/l2
ln -s self /t/self
cat /t/l1
echo "cat $?"
cat /t/self
echo "self $?"
ls /t/self/x
echo "ls $?"
mkdir /t/self/x
echo "mkdir $?"
touch /t/l1
echo "touch $?"
