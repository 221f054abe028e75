mkdir /t
printf 'one\n' > /t/a
printf 'two' > /t/b
cat /t/a /t/missing /t/b
st=$?
echo
echo "status $st"
cat /t/missing/x
echo "status $?"
