mkdir /t
echo x > /t/exec
chmod 750 /t/exec
cp /t/exec /t/copy
echo y > /t/existing
chmod 600 /t/existing
cp /t/exec /t/existing
umask 077
cp /t/exec /t/masked
stat -c '%n %a' /t/exec /t/copy /t/existing /t/masked
cat /t/existing
