# /proc/PID/limits: the header and a row per resource in fixed columns,
# "unlimited" for no limit, no unit for the priorities; a child sees the
# limits it inherited and another process's file shows that process's.
# The limits shown are set first: the host's depend on the machine.
ulimit -S -n 1024; ulimit -H -n 4096; ulimit -u 500 -i 500 -c 0 -s 8192 -l 8192 -q 819200
cat /proc/self/limits
ulimit -S -n 100; ulimit -t 50
grep -e 'open files' -e 'cpu time' /proc/$$/limits
sh -c 'ulimit -n 20; sleep 1' & sleep 0.3
grep 'open files' /proc/$!/limits
wait
