# sum(1): BSD (-r, the default) and System V (-s, --sysv) checksums with
# their block counts, the name shown whenever files are named, and the
# errors of missing files, directories and unknown options.
printf 'hello\n' > /tmp/s1; head -c 5000 /dev/zero > /tmp/s2; sum /tmp/s1; sum /tmp/s1 /tmp/s2; sum -s /tmp/s1 /tmp/s2; sum -r /tmp/s1; echo hi | sum; echo hi | sum -s; sum /nope; echo rc=$?
sum -s /tmp/s1; sum < /tmp/s2; sum - /tmp/s1 < /tmp/s2; sum --sysv /tmp/s2; sum -x; echo rc=$?; : | sum; : | sum -s; sum /tmp; echo rc=$?; sum -rs /tmp/s1; sum -sr /tmp/s1
sum /sys/devices/virtual/mem/null/uevent; sum -s /proc/sys/kernel/ostype; sum --sy /tmp/s1; sum --bogus; echo rc=$?; sum -- -; echo rc=$?
