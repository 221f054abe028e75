mkdir -p /t/d/e
rm /t/d
echo "status $?"
rm /t/d/e
echo "status $?"
rm -f /t/d
echo "status $?"
ls -R /t
