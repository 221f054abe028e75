mkdir -p /t/a
ln -s /t/a/missing /t/dangle
readlink -f /t/dangle
echo "dangle $?"
readlink -f /t/a/x/y
echo "two missing $?"
ln -s loop /t/loop
readlink -f /t/loop
echo "loop $?"
