# /proc/devices lists the majors drivers registered, by name, character
# then block: scripts find a driver's major there (loop's, the pty
# majors). The host has drivers the model lacks; the lines of those the
# model has must read the same, in the same order.
head -1 /proc/devices
grep -xE ' *[0-9]+ (mem|/dev/tty|/dev/console|/dev/ptmx|misc|ptm|pts|loop)' /proc/devices
grep -n -x 'Block devices:' /proc/devices | cut -d: -f2
awk '$2 == "loop" { print "loop major", $1 }' /proc/devices
stat -c '%A %s' /proc/devices
echo x > /proc/devices; echo "status $?"
# /proc/misc names the misc devices by minor (the model has loop-control
# alone); /proc/swaps is its header when no swap area is on.
grep -x '237 loop-control' /proc/misc
cat /proc/swaps
stat -c '%A %s' /proc/misc /proc/swaps
echo x > /proc/swaps; echo "status $?"
