# lsns: the namespaces of the processes of a new PID namespace, through
# their first process; -t -p -o (+COLS) -n -r -J -l, a namespace given
# by number (its processes), the tree of a child's namespace under its
# parent's row, and the errors. Inode numbers depend on the host, so
# they are replaced; the script runs from a file for a short cmdline.
mkdir -p /tmp/t
cat > /tmp/t/s <<'EOS'
norm() { sed -E "s/4026[0-9]{6}/NSINO/g" /tmp/t/o; }
lsns > /tmp/t/o; echo "rc $?"; norm
lsns -t uts -t pid > /tmp/t/o; norm
lsns -n -o TYPE,NPROCS,PID,PPID,COMMAND
lsns -r -o NS,TYPE,COMMAND >/tmp/t/o; norm
lsns -J -t net >/tmp/t/o; norm
lsns -t net >/tmp/t/o; norm
lsns -l -n -o type,pid,uid,user
lsns -p 1 -o TYPE,PID
lsns -J -o TYPE,PID,COMMAND -t uts
lsns -t bogus; echo "rc $?"
lsns -o BOGUS; echo "rc $?"
lsns -p 99; echo "rc $?"
lsns -x; echo "rc $?"
lsns -p abc; echo "rc $?"
unshare -u sh -c "lsns -t uts -o TYPE,NPROCS,PID,COMMAND"
unshare -u sh -c "lsns -t uts -l -o TYPE,PID,COMMAND"
lsns x y ; echo "rc $?"
lsns "$(stat -L -c %i /proc/self/ns/ipc)" -o TYPE,PID,COMMAND >/tmp/t/o; echo "rc $?"; norm
lsns 12 ; echo "rc $?"
lsns -o+PATH -t ipc >/tmp/t/o; norm
EOS
unshare -pf --mount-proc sh /tmp/t/s 2>&1
