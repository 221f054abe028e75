mkdir -p /t/d
echo x > /t/d/f
ln -s /t/d /t/l
cp -r /t/l /t/copy
stat -c '%n %F' /t/copy
cp -r /t/l/ /t/copy2
stat -c '%n %F' /t/copy2
