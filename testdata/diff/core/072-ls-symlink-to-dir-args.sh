mkdir -p /t/d
touch /t/d/a /t/d/b
ln -s d /t/rel
ln -s /t/d/a /t/fl
ls /t/rel
ls /t/fl
ls -1 /t
ls -R /t/rel
