mkdir /t
umask 077
touch /t/f1; mkdir /t/d1; echo x > /t/r1
umask 0
touch /t/f2; mkdir /t/d2; echo x > /t/r2
umask 027
touch /t/f3; mkdir /t/d3; mkdir -p /t/p/q; echo x > /t/r3
umask 777
touch /t/f4; mkdir /t/d4
stat -c '%n %a' /t/f1 /t/d1 /t/r1 /t/f2 /t/d2 /t/r2 /t/f3 /t/d3 /t/p /t/p/q /t/r3 /t/f4 /t/d4
