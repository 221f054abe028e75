mkdir -p /t/d
echo x > /t/f
cp /t/missing /t/g
echo "missing $?"
cp /t/f /t/f
echo "same $?"
cp /t/f /t/nodir/
echo "slash $?"
cp /t/f /t/no/where
echo "no parent $?"
cp /t/f /t/d/ && cat /t/d/f
ls -1 /t
