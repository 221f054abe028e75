mkdir -p /t/d
echo x > /t/f
ln -s /t/f /t/d
ln /t/f /t/d/hard
ln -s ../f /t/d/rel
ls -1 /t/d
readlink /t/d/f /t/d/rel
cat /t/d/rel
cd /t/d
ln -s f here
readlink here
