mkdir -p /mnt
mount -t tmpfs -o nosymfollow tmpfs /mnt; echo "mount $?"
echo target > /mnt/t
ln -s t /mnt/rel; echo "symlink $?"
ln -s /mnt/t /abs
cat /mnt/rel; echo "follow rel $?"
cat /abs; echo "follow abs outside $?"
readlink /mnt/rel; echo "readlink $?"
ls /mnt
cat /proc/self/mountinfo
mount -o remount,symfollow /mnt; echo "remount $?"
cat /mnt/rel; echo "after remount $?"
cat /proc/self/mountinfo
