echo content > /src
touch /dst
mount --bind /src /dst
exec 3</dst
umount /dst; echo "umount busy file bind $?"
exec 3<&-
umount /dst; echo "umount file bind $?"
cat /dst
cat /proc/self/mountinfo
