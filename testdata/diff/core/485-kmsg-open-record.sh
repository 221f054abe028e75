# /dev/kmsg: a record written without a newline stays open, unseen by
# dmesg and by readers, until the next record closes it (it keeps its own
# time and is not joined to the next). A reader waiting at the end of the
# log lives through signals that do not kill (CONT, WINCH) and ends with
# one that does. The host's log is the machine's: the records carry a
# token of their own (another record logged meanwhile would show the
# open one early).
tok=$(date +%s%N)
printf "lvfs-test-$tok-a" > /dev/kmsg; dmesg | grep -c "lvfs-test-$tok"
dd if=/dev/kmsg bs=8192 iflag=nonblock 2>/dev/null | grep -c "lvfs-test-$tok"
echo "lvfs-test-$tok-b" > /dev/kmsg; printf "lvfs-test-$tok-c" > /dev/kmsg; printf "<3>lvfs-test-$tok-d\n" > /dev/kmsg
dmesg -x | grep "lvfs-test-$tok" | sed "s/\[[ 0-9.]*\] *//; s/$tok/TOKEN/"
dd if=/dev/kmsg bs=8192 iflag=nonblock 2>/dev/null | grep "lvfs-test-$tok" | cut -d, -f1 | tr '\n' ' '; echo
cat /dev/kmsg > /dev/null & pid=$!
sleep 0.3; kill -CONT $pid; kill -WINCH $pid; sleep 0.2; kill -0 $pid && echo alive
kill $pid; wait $pid 2>/dev/null; echo rc=$?
