mkdir -p /t/a/b/c /t/a/e /t/z
touch /t/a/f /t/a/b/g /t/a/b/c/h /t/.hid
mkdir /t/.hd
ln -s /t/a /t/link
ls -R /t
ls -R -a /t/a/b
