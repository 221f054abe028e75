mkdir /t
echo data > /t/a
stat -c '%n %h' /t/a
ln /t/a /t/b
ln /t/b /t/c
stat -c '%n %h' /t/a /t/b /t/c
rm /t/a
stat -c '%n %h' /t/b
echo more >> /t/c
cat /t/b
mkdir -p /t/d/x /t/d/y /t/d/z
stat -c '%n %h' /t /t/d /t/d/x
rmdir /t/d/y
stat -c '%n %h' /t/d
