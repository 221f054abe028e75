mkdir /src /dst /peer
mount -t tmpfs src /src
mkdir /src/a /src/b
mount -t tmpfs a /src/a
mount -t tmpfs b /src/b
mount --make-unbindable /src/b
mount -t tmpfs dst /dst
mkdir /dst/in
mount --make-shared /dst
mount --bind /dst /peer
mount --rbind /src /dst/in; echo "rbind $?"
cat /proc/self/mountinfo
findmnt -R -o TARGET,SOURCE,PROPAGATION /peer
