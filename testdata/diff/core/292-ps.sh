# ps in a new PID namespace: the default list, -e -A -f -o (names,
# widths, headers, several -o), -p -q -C, --pid, --no-headers, BSD aux
# and x, and the usage errors. Start times and -f's C vary on the host:
# they are replaced. ps writes to a file before anything reads it, so
# that it is the newest process when it runs.
mkdir -p /tmp/t
cat > /tmp/t/s <<'EOS'
ps; echo "rc $?"
ps -e
ps -A -o pid,ppid,comm
ps -o pid,comm,args
ps -o pid= -o comm=
ps -o comm,pid,ppid,uid,user,gid,group,tty,time,cmd
ps -p 1; echo "rc $?"
ps -p 1,99 -o pid,args; echo "rc $?"
ps -p 99; echo "rc $?"
ps -o bogus; echo "rc $?"
ps -p; echo "rc $?"
ps -p x; echo "rc $?"
ps --pid 1 -o pid,comm --no-headers
ps --pid=1 -o pid=P,comm
ps -ef > /tmp/t/o; sed -E 's/ [0-9]{2}:[0-9]{2} / HH:MM /; s/^(root +[0-9]+ +[0-9]+) +[0-9]+ /\1 C /' /tmp/t/o
ps -f -p 1 > /tmp/t/o; sed -E 's/ [0-9]{2}:[0-9]{2} / HH:MM /; s/^(root +[0-9]+ +[0-9]+) +[0-9]+ /\1 C /' /tmp/t/o
ps aux > /tmp/t/o; awk '{print $1, $2, $7, $11, $12}' /tmp/t/o
ps -o pid,user:10,comm -p 1
ps -o pid:3,comm:4,args -p 1
ps -e -o args
ps -q 1 -o comm
ps -C sh -o pid,comm
ps x -o pid,comm
ps -o pid,tty,tname,time,bsdtime,nlwp -p 1
EOS
unshare -pf --mount-proc sh /tmp/t/s 2>&1
