mkdir -p /t/a/b/c
echo $?
mkdir -p /t/a/b/c /t/a/x/y /t/a
echo $?
mkdir -p /t/a/./b/../z//w/
echo $?
ls -R /t
