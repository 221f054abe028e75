# Who may change inode flags (vfs_fileattr_set): the owner or CAP_FOWNER
# for the others, CAP_LINUX_IMMUTABLE as well to set or clear immutable
# and append-only; anyone who can open a file may read them. A read-only
# mount refuses any change (EROFS) but still shows them.
mkdir /w; mount -t tmpfs w /w; chmod 777 /w; cd /w
echo hi > f; chattr +i f
touch u; chown 1000:1000 u
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c '
lsattr /w/f; chattr -i /w/f; echo "rc=$?"; chattr +d /w/f; echo "rc=$?"
chattr +d /w/u; echo "rc=$?"; chattr +i /w/u; echo "rc=$?"; chattr +a /w/u; echo "rc=$?"; lsattr /w/u
touch /w/n; chattr +A /w/n; echo "rc=$?"; lsattr /w/n'
setpriv --inh-caps=-linux_immutable --bounding-set=-linux_immutable chattr -i f; echo "rc=$?"
setpriv --bounding-set=-linux_immutable sh -c 'chattr +d u; echo "rc=$?"; chattr +a u; echo "rc=$?"'
lsattr f u
chattr -i f; chattr +d f
mount -o remount,ro /w; chattr -d f; echo "rc=$?"; lsattr f
mount -o remount,rw /w; chattr -R -iad /w; cd /; umount /w
