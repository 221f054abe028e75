# tail and head on files whose size is notional: /proc files (size 0)
# and sysfs attributes (size 4096, a few bytes of text) are read through,
# as tail does when lseek to the end finds nothing past the start or the
# size is no more than a block, and a short read is not padded with
# zeros; real files larger than a block are still read from the end.
mkdir /m; mount -t tmpfs -o size=1m t /m; u=/sys/devices/virtual/mem/null/uevent
tail -n1 /proc/self/mounts; tail -c 20 /proc/self/mountinfo | wc -c; tail -n2 $u; tail -c 5 /sys/devices/virtual/mem/null/dev | od -c; tail -1 /proc/sys/kernel/ostype; tail -c3 /proc/sys/kernel/ostype
tail -n 1 /proc/self/mounts /sys/devices/virtual/mem/null/dev; tail -qn1 $u $u; tail -c +3 $u | head -1; tail -n 0 $u; tail -c 0 $u; echo rc=$?
head -n -1 /proc/self/mounts | grep -c " /m "; head -c -3 /proc/sys/kernel/ostype; echo; head -n -2 $u; head -c -40 $u | od -c | head -2; head -n 2 $u
head -c 4100 /dev/zero > /m/f; echo end >> /m/f; tail -c 6 /m/f; tail -n 1 /m/f; truncate -s 4096 /m/g; echo >> /m/g; tail -c 2 /m/g | od -c
sort -r $u | head -1; wc -l $u /proc/self/mounts | tail -1 | sed 's/ *[0-9]* total/N total/'; tac /proc/sys/kernel/ostype; cut -c1-3 $u | tail -1; grep -c = $u; uniq -c $u | head -1; nl $u | tail -1; paste -d, $u $u | tail -1
