mkdir /t
echo x > /t/f
cd /t/f 2>/err
echo "cd file $?"
cd /t/missing 2>/err
echo "cd missing $?"
pwd
cd /t && pwd
