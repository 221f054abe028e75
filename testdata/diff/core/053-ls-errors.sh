mkdir -p /t/d
touch /t/d/x
ls /t/missing
echo "status $?"
ls /t/missing /t/d
echo "status $?"
ls /t/d/x /t/missing2
echo "status $?"
