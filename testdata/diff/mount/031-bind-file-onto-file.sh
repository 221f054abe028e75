mkdir /d
echo source > /d/src
echo target > /dst
mount --bind /d/src /dst; echo "bind $?"
cat /dst
echo appended >> /dst
cat /d/src
cat /proc/self/mountinfo
rm /dst; echo "rm mounted file $?"
mv /dst /moved; echo "mv mounted file $?"
mountpoint /dst; echo "mountpoint $?"
umount /dst; echo "umount $?"
cat /dst
