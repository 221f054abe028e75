mkdir -p /t/real
ln -s /t/real /t/l
ln -s /t/nowhere /t/dangling
mkdir -p /t/l/x/y
echo "through link $?"
mkdir -p /t/dangling/x
echo "through dangling $?"
touch /t/dangling
echo "touch dangling $?"
stat -c '%n %F' /t/nowhere
ls -R /t/real
