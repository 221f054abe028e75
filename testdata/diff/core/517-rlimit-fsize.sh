# RLIMIT_FSIZE: a write is cut at the limit and the writer that goes on
# dies of SIGXFSZ (dash reports "File size limit exceeded", status 153);
# with SIGXFSZ ignored the write fails with EFBIG ("File too large"), and
# so does truncate past the limit; a shell whose own builtin writes past
# it dies too. bash's ulimit -f counts 1024-byte blocks, dash's 512.
ulimit -f 1
sh -c 'head -c 2000 /dev/zero > /tmp/big' 2>&1; echo "head: $?"
stat -c %s /tmp/big
(trap '' XFSZ; head -c 2000 /dev/zero >> /tmp/big; echo "ignored: $?"; truncate -s 2000 /tmp/big; echo "truncate: $?") 2>&1
truncate -s 1000 /tmp/big 2>&1; echo "truncate within: $?"
truncate -s 100 /tmp/big; stat -c %s /tmp/big
x=$(head -c 2000 /dev/zero | tr '\0' a)
sh -c 'sh -c "echo \"\$1\" > /tmp/big; echo no" sh "$1"; echo "sh: $?"' sh "$x" 2>&1
stat -c %s /tmp/big
sh -c 'ulimit -f'; bash -c 'ulimit -f'
rm /tmp/big
