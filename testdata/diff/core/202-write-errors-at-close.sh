# Small outputs to a full tmpfs fail only when the tool closes standard
# output: "write error" with the errno for most, without it where the
# tool flushed line by line (wc, du), and each tool's exit status.
mkdir /m
mount -t tmpfs -o size=4k t /m
head -c 4096 /dev/zero > /m/fill
echo hello > /tmp/s
cat /tmp/s > /m/o; echo "cat $?"
head -1 /tmp/s > /m/o; echo "head $?"
tail -1 /tmp/s > /m/o; echo "tail $?"
uniq /tmp/s > /m/o; echo "uniq $?"
cut -c1 /tmp/s > /m/o; echo "cut $?"
wc -c /tmp/s > /m/o; echo "wc $?"
wc -c /tmp/s /nonexistent > /m/o; echo "wc missing $?"
du -s /tmp/s > /m/o; echo "du $?"
ls /tmp > /m/o; echo "ls $?"
stat -c %s /tmp/s > /m/o; echo "stat $?"
readlink -f /tmp/s > /m/o; echo "readlink $?"
sort /tmp/s > /m/o; echo "sort $?"
grep h /tmp/s > /m/o; echo "grep $?"
sed p /tmp/s > /m/o; echo "sed $?"
awk 1 /tmp/s > /m/o; echo "awk $?"
tr a b < /tmp/s > /m/o; echo "tr $?"
seq 3 > /m/o; echo "seq $?"
id -u > /m/o; echo "id $?"
df /m > /m/o; echo "df $?"
findmnt /m > /m/o; echo "findmnt $?"
mount -t tmpfs > /m/o; echo "mount $?"
md5sum /tmp/s > /m/o; echo "md5sum $?"
ls -l /m
