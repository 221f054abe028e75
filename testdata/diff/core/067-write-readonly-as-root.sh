mkdir /t
echo one > /t/f
chmod 444 /t/f
echo two >> /t/f
echo "append $?"
cat /t/f
stat -c %a /t/f
