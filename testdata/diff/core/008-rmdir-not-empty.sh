mkdir -p /t/d/sub
rmdir /t/d
echo "status $?"
rmdir /t/d/sub /t/d
echo "status $?"
test -e /t/d || echo gone
