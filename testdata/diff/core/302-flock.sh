# flock: a command under a lock (its status passed on), -c, a lock held
# by the shell's own descriptor making -n, -w and -E give up, shared
# locks together, -u, and the usage errors with their sysexits statuses.
mkdir -p /tmp/fl && cd /tmp/fl || exit
{
flock lk -c 'echo in; exit 3'; echo "rc $?"
flock lk echo with args; echo "rc $?"
ls lk
exec 9>lk
flock 9; echo "rc $?"
flock -n lk true; echo "rc $?"
flock -n -E 7 lk true; echo "rc $?"
flock -w 0.05 lk true; echo "rc $?"
flock -w 0 -E 9 lk true; echo "rc $?"
flock -u 9; echo "rc $?"
flock -n lk echo free; echo "rc $?"
flock -s 9; flock -s -n lk echo shared; echo "rc $?"
flock -x -n lk true; echo "rc $?"
flock -n 9; echo "rc $?"
exec 9>&-
flock -s -n lk true; echo "rc $?"
mkdir d; flock -n d echo dir; echo "rc $?"
flock; echo "rc $?"
flock /nonexist/x true; echo "rc $?"
flock lk; echo "rc $?"
flock lk nosuchcmd; echo "rc $?"
flock -w x lk true; echo "rc $?"
flock -E x lk true; echo "rc $?"
flock 99; echo "rc $?"
flock -n -c true lk; echo "rc $?"
flock lk -c; echo "rc $?"
flock lk -c a b; echo "rc $?"
flock -q lk true; echo "rc $?"
flock --bogus lk true; echo "rc $?"
flock -V
} 2>&1
