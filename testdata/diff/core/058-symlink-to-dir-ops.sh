mkdir -p /t/d
touch /t/d/x
ln -s /t/d /t/l
ls /t/l
ls -d /t/l
ls /t/l/
rmdir /t/l
echo "rmdir link $?"
rm /t/l/
echo "rm link slash $?"
rm -r /t/l
echo "rm -r link $?"
ls /t /t/d
