mkdir -p /t/d
echo hello > /t/f
cat /t/d
echo "status $?"
cat /t/f /t/d /t/f
echo "status $?"
cat /t/d/
echo "status $?"
