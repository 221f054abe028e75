mkdir -p /t/d
echo x > /t/f
touch /t/d/f
ln -s /t/f /t/d
echo "symlink $?"
ln /t/f /t/d
echo "hard $?"
ln -s /t/f /t/d/
echo "slash $?"
stat -c '%n %F' /t/d/f
