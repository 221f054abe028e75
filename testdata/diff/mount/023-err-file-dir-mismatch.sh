mkdir /d /d2
echo file > /f
echo other > /g
mount -t tmpfs tmpfs /f; echo "tmpfs on file $?"
mount --bind /d /f; echo "bind dir on file $?"
mount --bind /f /d; echo "bind file on dir $?"
mount -t tmpfs tmpfs /f/x; echo "through a file $?"
mount --bind /f /g; echo "bind file on file $?"
mount --bind /d /d2; echo "bind dir on dir $?"
cat /proc/self/mountinfo
cat /g
