mkdir -p /t/d/e/f
touch /t/d/e/f/x /t/d/y
chmod 000 /t/d/e/f /t/d/e /t/d
chmod 444 /t/d/y
rm -r /t/d
echo "status $?"
ls -a /t
