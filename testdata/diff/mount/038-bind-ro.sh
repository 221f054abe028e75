mkdir /a /b
mount -t tmpfs tmpfs /a
echo x > /a/f
mount --bind -o ro /a /b; echo "bind ro $?"
touch /b/g; echo "touch b $?"
touch /a/g; echo "touch a $?"
echo y >> /b/f; echo "append b $?"
ls /b
cat /proc/self/mountinfo
findmnt -o TARGET,VFS-OPTIONS,FS-OPTIONS -R /a
findmnt -o TARGET,VFS-OPTIONS,FS-OPTIONS /b
