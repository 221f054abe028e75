mkdir /a /b /c
mount -t tmpfs src /a
mkdir -p /a/sub/deep
echo deep > /a/sub/deep/f
mount --bind /a/sub /b; echo "bind sub $?"
mount --bind /b/deep /c; echo "bind of bind $?"
ls /b
cat /c/f
cat /proc/self/mountinfo
findmnt -o TARGET,SOURCE,FSROOT -t tmpfs
findmnt -n -o SOURCE /c
