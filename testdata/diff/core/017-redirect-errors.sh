mkdir -p /t/d
echo x > /t/f
{ echo x > /t/d; } 2>/err
echo "to dir $?"
{ echo x > /t/missing/f; } 2>/err
echo "missing parent $?"
{ echo x > /t/f/g; } 2>/err
echo "through file $?"
{ cat < /t/missing; } 2>/err
echo "input missing $?"
{ echo x >> /t/d; } 2>/err
echo "append dir $?"
ls -a /t
