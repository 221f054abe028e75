mkdir /t
echo target > /t/target
ln -s /t/target /t/link
ln -s /t/absent /t/dangling
echo new > /t/new
cp /t/new /t/link
stat -c '%n %F' /t/link
cat /t/target
cp /t/new /t/dangling
echo "dangling $?"
test -e /t/absent || echo "absent still missing"
