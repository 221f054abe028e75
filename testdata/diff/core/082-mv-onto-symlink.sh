mkdir /t
echo target > /t/target
ln -s /t/target /t/link
echo new > /t/new
mv /t/new /t/link
echo "status $?"
stat -c '%n %F' /t/link
cat /t/link /t/target
