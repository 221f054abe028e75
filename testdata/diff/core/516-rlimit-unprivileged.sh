# Without CAP_SYS_RESOURCE a hard limit can be lowered but not raised
# again (EPERM), the soft one moves freely below it; bash's "unlimited"
# soft limit for a user other than root is the hard one. prlimit on
# another user's process is refused; on the user's own, allowed.
ulimit -S -n 1024; ulimit -H -n 4096
setpriv --reuid=1000 --regid=1000 --clear-groups bash -c '
ulimit -Hn 2000; echo "lower: $?"
ulimit -Hn 3000; echo "raise: $?"
ulimit -Sn 1500; ulimit -Sn unlimited; ulimit -Sn
ulimit -Sn 3000; echo "soft above: $?"
prlimit --pid 1 -n; echo "prlimit of root: $?"
sleep 1 & prlimit --pid $! --nofile=10:20; echo "own child: $?"; prlimit --pid $! -n -o SOFT,HARD; wait
' 2>&1
