mkdir /t
touch /t/f
ln -s /t/f /t/l
chown 500:600 /t/l
stat -c '%n %u %g' /t/f /t/l
