mkdir /t
echo a > /t/a
echo b > /t/b
ln /t/b /t/bh
mv /t/a /t/b
echo "status $?"
cat /t/b /t/bh
stat -c '%n %h' /t/b /t/bh
ls -1 /t
mv /t/b /t/c && mv /t/c /t/b
cat /t/b
