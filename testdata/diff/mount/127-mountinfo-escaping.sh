mkdir '/a b' '/c\d' '/e#f'
mount -t tmpfs 'src x' '/a b'
mount -t tmpfs src2 '/c\d'
mount -t tmpfs src3 '/e#f'
mkdir '/a b/x y'
mount --bind '/a b/x y' '/e#f'
cat /proc/self/mountinfo
cat /proc/self/mounts
findmnt -l -o TARGET,SOURCE,FSROOT -t tmpfs
