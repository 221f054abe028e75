mkdir -p /t/d
echo data > /t/f
chmod 000 /t/f /t/d
test -r /t/f && echo "f readable"
test -w /t/f && echo "f writable"
test -x /t/f || echo "f not executable"
test -x /t/d && echo "d searchable"
cat /t/f
echo more >> /t/f
touch /t/d/inside && echo "created in 000 dir"
chmod 010 /t/f
test -x /t/f && echo "f executable now"
stat -c '%a' /t/f /t/d
