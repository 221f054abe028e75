mkdir /t
touch /t/a
stat -c %n /t/a /t/missing /t/a
echo "status $?"
