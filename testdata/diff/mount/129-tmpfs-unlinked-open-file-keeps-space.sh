# An unlinked file keeps its pages while a descriptor holds it open; the
# space comes back when the last descriptor closes.
mkdir -p /mnt
mount -t tmpfs -o size=8k tmpfs /mnt
head -c 8192 /dev/zero > /mnt/big; echo "big $?"
exec 3</mnt/big
rm /mnt/big
head -c 1 /dev/zero > /mnt/small 2>/err; echo "while open $?"
exec 3<&-
head -c 4096 /dev/zero > /mnt/small; echo "after close $?"
stat -c '%n %s %b' /mnt/small
