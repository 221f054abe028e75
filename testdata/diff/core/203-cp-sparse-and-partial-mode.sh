# cp and mv copy a sparse file's holes as holes (a 1G sparse file fits an
# 8k tmpfs), and a copy that runs out of space leaves the partial file
# with the mode it was created with: 0600 for mv and cp -p, the source's
# less the umask for a plain cp.
mkdir /m /n
mount -t tmpfs -o size=8k t /m
mount -t tmpfs -o size=64k n /n
truncate -s 1G /n/sparse
printf 'data' >> /n/sparse
cp /n/sparse /m/copy; echo "cp sparse $?"
ls -s /m
stat -c '%s %b' /m/copy
tail -c 4 /m/copy; echo
rm /m/copy
head -c 20000 /dev/zero > /n/big
chmod 644 /n/big
cp /n/big /m/plain; echo "cp $?"; stat -c "%A %s %n" /m/*; rm -f /m/*
cp -p /n/big /m/kept; echo "cp -p $?"; stat -c "%A %s %n" /m/*; rm -f /m/*
mv /n/big /m/moved; echo "mv $?"; stat -c "%A %s %n" /m/* /n/*
