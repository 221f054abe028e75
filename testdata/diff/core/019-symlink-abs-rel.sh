mkdir -p /t/dir/sub
echo content > /t/dir/sub/file
ln -s /t/dir/sub/file /t/abs
ln -s dir/sub/file /t/rel
ln -s sub /t/dir/sublink
ln -s ../dir/sub/file /t/dir/up
cat /t/abs /t/rel /t/dir/sublink/file /t/dir/up
readlink /t/abs /t/rel /t/dir/sublink /t/dir/up
stat -c '%N|%F|%s' /t/abs /t/rel /t/dir/up
