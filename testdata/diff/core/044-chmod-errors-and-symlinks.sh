mkdir /t
touch /t/f
ln -s /t/f /t/l
chmod 600 /t/l
stat -c '%n %a' /t/f /t/l
chmod 644 /t/missing
echo "missing $?"
ln -s /t/nothing /t/dangling
chmod 644 /t/dangling
echo "dangling $?"
