mkdir -p /t/d
stat -c '%n %s' /t/d
touch /t/d/a
stat -c '%n %s' /t/d
mkdir /t/d/b
ln -s /t/d/a /t/d/abc
stat -c '%n %s' /t/d /t/d/abc
rm /t/d/a
stat -c '%n %s' /t/d
printf '%s' 12345 > /t/five
stat -c '%n %s' /t/five
