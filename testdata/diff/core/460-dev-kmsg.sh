# /dev/kmsg: a write logs one record (facility user, level from a "<N>"
# prefix, default warning), a write of more than 1024 bytes is EINVAL; a
# read returns one whole record ("PRI,SEQ,USEC,-;TEXT") and EINVAL when the
# buffer is too small for it; the node is 1:11, mode 0644. (A write without
# a newline stays open in 6.18's log until the next record, so every write
# here ends with one.) The host's log is the machine's: each run marks
# its records with a token of its own.
tok=$(date +%s%N)
echo "<3>kmsg-$tok-one" > /dev/kmsg
echo "kmsg-$tok-two" > /dev/kmsg
printf '<14>kmsg-%s-three\n' $tok > /dev/kmsg; echo "status $?"
dmesg -x | grep "kmsg-$tok" | sed "s/\[[ 0-9.]*\] *//; s/$tok/TOKEN/"
dd if=/dev/kmsg bs=10 count=1 2>&1 | head -1
dd if=/dev/kmsg bs=8192 count=1 2>/dev/null | wc -l
dd if=/dev/kmsg bs=8192 count=1 2>/dev/null | grep -cE '^[0-9]+,[0-9]+,[0-9]+,-;'
head -c 1025 /dev/zero | tr '\0' a > /tmp/big
cat /tmp/big > /dev/kmsg; echo "status $?"
head -c 1024 /tmp/big > /dev/kmsg; echo "status $?"
ls -l /dev/kmsg | cut -d' ' -f1,5,6
cat /sys/class/mem/kmsg/dev
