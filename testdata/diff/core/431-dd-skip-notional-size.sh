# dd skip= on files whose size says nothing of their data: it seeks the
# whole way on a regular file and warns when the size says the skip went
# past the end, so a /proc file (size 0) is read from the offset asked
# for, with the warning; sysfs attributes, empty and short tmpfs files.
u=/sys/devices/virtual/mem/null/uevent; o=/proc/sys/kernel/ostype
dd if=$o bs=2 skip=1 count=1 2>/dev/null; echo; dd if=$o bs=1 skip=3 status=none; dd if=$o bs=1 skip=100 status=none | wc -c; dd if=$o skip=1 bs=1 count=2 2>&1 | head -1
dd if=/proc/self/mounts bs=1 skip=1 count=4 status=none; echo; dd if=$u bs=1 skip=40 status=none | od -c; dd if=$u bs=1 skip=5000 count=1 2>&1 | head -2
dd if=$u iflag=skip_bytes skip=6 bs=3 count=2 status=none; echo; mkdir /m; mount -t tmpfs t /m; printf 0123456789 > /m/f
dd if=/m/f bs=1 skip=20 2>&1 | head -2; dd if=/m/f bs=4 skip=2 status=none; echo; : > /m/e; dd if=/m/e bs=1 skip=3 2>&1 | head -2
