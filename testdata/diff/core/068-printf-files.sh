mkdir /t
printf '%s-%d\n' a 1 b 2 > /t/f
printf 'no newline' >> /t/f
cat /t/f
echo
stat -c %s /t/f
printf '' > /t/empty
stat -c '%s %F' /t/empty
