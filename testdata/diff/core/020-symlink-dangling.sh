mkdir /t
ln -s /t/target /t/l
cat /t/l
echo "cat $?"
test -e /t/l; echo "test -e $?"
test -L /t/l; echo "test -L $?"
ls /t/l; echo "ls $?"
readlink /t/l
echo data > /t/l
cat /t/target
stat -c %F /t/target
