mkdir -p /t/a/sub /t/b
stat -c '%n %h' /t/a /t/b
mv /t/a/sub /t/b
stat -c '%n %h' /t/a /t/b /t/b/sub
echo x > /t/f
ln /t/f /t/g
mv /t/f /t/b/f
stat -c '%n %h' /t/g /t/b/f
