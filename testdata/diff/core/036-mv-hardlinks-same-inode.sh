mkdir /t
echo x > /t/a
ln /t/a /t/b
mv /t/a /t/b
echo "status $?"
ls -1 /t
stat -c '%n %h' /t/b
