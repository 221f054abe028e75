# /proc/<pid>/stat, statm, /proc/meminfo, /proc/loadavg, /proc/stat,
# free, ps and uptime in a new PID namespace: the numbers that differ
# from machine to machine are replaced; the layout, field counts, states
# and process groups are compared (uptime's usage text is our own).
unshare -pf --mount-proc sh -c '
awk "{print NF, \$1, \$2, \$3, \$4, \$5, \$6, \$7, \$8, \$18, \$19, \$20, \$38}" /proc/self/stat
cat /proc/self/stat > /tmp/st; cut -d" " -f1-4 /tmp/st
awk "{print NF}" /proc/self/statm
awk "{print \$1}" /proc/meminfo | tr "\n" " "; echo
grep -c " kB$" /proc/meminfo
sed -E "s/[0-9]+/N/g" /proc/loadavg
grep -E "^(cpu |btime|procs_blocked|softirq)" /proc/stat | sed -E "s/[0-9]+/N/g" | cut -c1-40
awk "{print NF}" /proc/uptime
free | head -1; free | awk "NR>1 {print \$1, NF}"
free -h | head -1
ps -o pid,ppid,stat,tname,time,bsdtime,nlwp,ni,comm
ps -o pid,etime,etimes,start_time,stime,lstart -p 1 | sed -E "s/[0-9]/N/g"
uptime | sed -E "s/^ [0-9]{2}:[0-9]{2}:[0-9]{2} up .*,  0 user,  load average: [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}$/UPTIME/"
uptime -p | cut -c1-3; uptime -s | sed -E "s/[0-9]/N/g"
uptime -V; uptime x 2>/dev/null; echo "rc $?"
' 2>&1
