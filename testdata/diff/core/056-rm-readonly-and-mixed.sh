mkdir -p /t/d
echo x > /t/ro
chmod 444 /t/ro
rm /t/ro
echo "readonly $?"
touch /t/a /t/b
rm /t/a /t/missing /t/d /t/b
echo "mixed $?"
ls -1 /t
