mkdir -p /t/a
cd /
cd ..
pwd
cd /../../t/../t/a
pwd
echo x > /../../t/a/f
cat /t/a/f
stat -c %n /../t/a/../a/f
readlink -f /../../t/../t/a/f
