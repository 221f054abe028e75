mkdir -p /t/d
printf 'hello\n' > /t/f
cp /t/f /t/g
cat /t/g
echo changed > /t/h
cp /t/f /t/h
cat /t/h
cp /t/f /t/d
cat /t/d/f
cp /t/d /t/e
echo "dir without -r $?"
ls -R /t
