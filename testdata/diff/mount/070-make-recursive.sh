mkdir /t
mount -t tmpfs t /t
mkdir /t/a /t/b
mount -t tmpfs a /t/a
mount -t tmpfs b /t/b
mkdir /t/a/c
mount -t tmpfs c /t/a/c
mount --make-rshared /t; echo "rshared $?"
echo "== rshared"
cat /proc/self/mountinfo
mount --make-rslave /t/a; echo "rslave $?"
echo "== rslave a (sole peers become private)"
cat /proc/self/mountinfo
mount --make-rprivate /t; echo "rprivate $?"
mount --make-runbindable /t/a; echo "runbindable $?"
echo "== rprivate + runbindable a"
cat /proc/self/mountinfo
findmnt -R -o TARGET,PROPAGATION /t
