mkdir /src /dst
mount -t tmpfs s /src
mkdir /src/c /src/a /src/b
mount -t tmpfs c /src/c
mount -t tmpfs a /src/a
mount -t tmpfs b /src/b
mkdir /src/a/in
mount -t tmpfs a-in /src/a/in
mount -t tmpfs c2 /src/c
mount --rbind /src /dst; echo "rbind $?"
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE /dst
