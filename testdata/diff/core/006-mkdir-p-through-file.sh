mkdir /t
echo data > /t/f
mkdir -p /t/f/sub
echo "status $?"
mkdir /t/f/sub
echo "status $?"
mkdir -p /t/f
echo "status $?"
cat /t/f
