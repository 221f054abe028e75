mkdir -p /t/d
echo x > /t/f
mv /t/nope /t/x
echo "missing $?"
mv /t/f /t/missing/f
echo "missing dir $?"
mv /t/f /t/x/
echo "slash $?"
mv /t/f /t/f
echo "same $?"
ls -1 /t
