mkdir /t
echo first > /t/f
echo second >> /t/f
cat /t/f
echo third > /t/f
cat /t/f
: > /t/f
stat -c '%n %s' /t/f
printf 'abc' >> /t/new
printf 'def' >> /t/new
cat /t/new; echo
stat -c '%s %F' /t/new
