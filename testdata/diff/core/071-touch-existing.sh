mkdir /t
echo keep > /t/f
touch /t/f
cat /t/f
touch /t/new
stat -c '%n %s %F %a' /t/new
mkdir /t/d
touch /t/d
stat -c '%n %F' /t/d
