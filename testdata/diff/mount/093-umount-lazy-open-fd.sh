mkdir -p /mnt
mount -t tmpfs tmpfs /mnt
echo "still readable" > /mnt/f
exec 3</mnt/f
umount /mnt; echo "umount with open fd $?"
umount -l /mnt; echo "umount -l $?"
cat <&3
test -e /mnt/f || echo "gone from the tree"
cat /proc/self/mountinfo
exec 3<&-
