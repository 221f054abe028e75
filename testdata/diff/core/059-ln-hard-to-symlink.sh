mkdir /t
echo x > /t/f
ln -s /t/f /t/sym
ln /t/sym /t/hard
stat -c '%n %F %h' /t/sym /t/hard
readlink /t/hard
