mkdir -p /t/a/b/c
echo deep > /t/a/b/c/f
mv /t/a/b /t/moved
ls -R /t
cat /t/moved/c/f
stat -c '%n %h' /t/a /t/moved
