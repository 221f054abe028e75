# A pipeline's processes in a new PID namespace with its own /proc: the
# shell forks the parts left to right, so the process IDs go up from the
# left, and every part exists by the time one of them reads /proc (ps
# lists the cat it writes to). Both shells: bash runs this script, dash
# the inner one.
unshare -pf --mount-proc sh -c '
ps -o pid,comm | cat
ps -o pid,comm | head -5 | cat
cat /proc/self/stat | cut -d" " -f1,2
'
unshare -pf --mount-proc bash -c '
ps -o pid,ppid,comm | cat
readlink /proc/self | cat
true'
