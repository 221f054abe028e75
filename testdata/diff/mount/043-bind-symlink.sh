mkdir /d /e
ln -s /d /lnk
touch /d/f
mount --bind /lnk /e; echo "bind via symlink $?"
ls /e
ln -s target /sym
touch /t
mount --bind /t /sym; echo "bind onto dangling symlink $?"
cat /proc/self/mountinfo
