mkdir -p /t/a/b/c /t/a/x
echo 1 > /t/a/f1; echo 2 > /t/a/b/f2; echo 3 > /t/a/b/c/f3
ln -s /t/keep /t/a/b/link
mkdir /t/keep; echo k > /t/keep/k
ln -s /t/keep /t/a/dirlink
rm -r /t/a
echo "status $?"
test -e /t/a || echo "a gone"
ls -R /t
cat /t/keep/k
