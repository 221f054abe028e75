# Writing standard output to a full tmpfs: each tool's own words for a
# write that fails while it runs (output larger than stdio's buffer) and
# close_stdout's "write error" at the end, with or without the errno.
mkdir /m
mount -t tmpfs -o size=8k t /m
head -c 20000 /dev/zero > /tmp/big
cat /tmp/big > /m/a; echo "cat $?"; rm -f /m/*
tail -c 20000 /tmp/big > /m/a; echo "tail $?"; rm -f /m/*
head -c 9000 /tmp/big > /m/a; echo "head $?"; rm -f /m/*
cp /tmp/big /m/a; echo "cp $?"; rm -f /m/*
tee /m/a < /tmp/big >/dev/null; echo "tee $?"; rm -f /m/*
tee < /tmp/big > /m/a; echo "tee stdout $?"; rm -f /m/*
seq 1 10000 > /m/a; echo "seq $?"; rm -f /m/*
yes | head -c 20000 > /m/a; echo "yes head $?"; rm -f /m/*
yes > /m/a; echo "yes $?"; rm -f /m/*
sort /tmp/big > /m/a; echo "sort $?"; rm -f /m/*
sort -o /m/a /tmp/big; echo "sort -o $?"; rm -f /m/*
tr '\0' x < /tmp/big > /m/a; echo "tr $?"; rm -f /m/*
base64 /tmp/big > /m/a; echo "base64 $?"; rm -f /m/*
sed p /tmp/big > /m/a; echo "sed $?"; rm -f /m/*
awk '{print}' /tmp/big > /m/a; echo "awk $?"; rm -f /m/*
grep -a . /tmp/big > /m/a; echo "grep $?"; rm -f /m/*
ls -l /m
