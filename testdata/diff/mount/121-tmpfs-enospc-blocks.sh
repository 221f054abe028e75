# A tmpfs of two pages: writes past it fail with ENOSPC, partial writes stop
# at the limit, and freeing space makes room again.
mkdir -p /mnt
mount -t tmpfs -o size=8k tmpfs /mnt
head -c 4096 /dev/zero > /mnt/a; echo "a $?"
head -c 4096 /dev/zero > /mnt/b; echo "b $?"
head -c 1 /dev/zero > /mnt/c 2>/err; echo "c $?"
stat -c '%n %s %b' /mnt/a /mnt/b /mnt/c
rm /mnt/a
head -c 100 /dev/zero > /mnt/c; echo "c again $?"
stat -c '%n %s %b' /mnt/c
truncate -s 1G /mnt/sparse; echo "sparse $?"
stat -c '%n %s %b' /mnt/sparse
