mkdir /t
touch /t/f
mkdir /t/d
stat -c '%u %g %U %G' /t/f
chown 4242:4343 /t/f
stat -c '%u %g' /t/f
chown 77 /t/f
stat -c '%u %g' /t/f
chown :88 /t/d
stat -c '%u %g' /t/d
chown 0:0 /t/f /t/d
stat -c '%n %u %g' /t/f /t/d
chown 1 /t/missing
echo "missing $?"
