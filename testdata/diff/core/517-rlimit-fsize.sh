# RLIMIT_FSIZE: a write is cut at the limit, one starting there fails with
# EFBIG ("File too large") and a program that does not die of SIGXFSZ
# (truncate's ftruncate, dd with it ignored) reports it; ulimit -f counts
# 512-byte blocks in both shells.
ulimit -f 1
trap '' XFSZ
head -c 2000 /dev/zero > /tmp/big 2>/dev/null; echo "head: $?"
stat -c %s /tmp/big
truncate -s 1000 /tmp/big 2>&1; echo "truncate: $?"
truncate -s 100 /tmp/big; stat -c %s /tmp/big
sh -c 'ulimit -f'; bash -c 'ulimit -f'
rm /tmp/big
