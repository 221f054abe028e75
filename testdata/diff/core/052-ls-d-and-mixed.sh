mkdir -p /t/d1 /t/d2/x
touch /t/f1 /t/d1/in
ls -d /t/d1 /t/d2
ls /t/d2 /t/f1 /t/d1
ls -d /t/d1/ /t/f1
cd /t
ls -d .
ls -d
