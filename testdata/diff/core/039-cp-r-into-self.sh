mkdir -p /t/a/b
echo x > /t/a/f
cp -r /t/a /t/a/b
echo "status $?"
ls -R /t
