mkdir /t
touch /t/f
stat -c '%a %A' /t/f
for m in 755 u-x g+w o= a+x 4755 2755 1755 u=rw,go=r 0; do
  chmod $m /t/f
  stat -c "$m %a %A" /t/f
done
mkdir /t/d
chmod 1777 /t/d
stat -c '%a %A' /t/d
