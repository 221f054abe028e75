mkdir /t
echo x > /t/f
cat /t/f/
echo "cat $?"
ls /t/f/
echo "ls $?"
touch /t/f/
echo "touch $?"
test -e /t/f/; echo "test -e $?"
test -f /t/f; echo "test -f $?"
stat -c %n /t/f/
echo "stat $?"
rm /t/f/
echo "rm $?"
