mkdir -p /t/d
ln /t/d /t/d2
echo "status $?"
ls -1 /t
