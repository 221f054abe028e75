# A job runs in a process of its own, forked from the shell: its program
# has the job's working directory, redirections and environment in
# /proc/$!; its standard input is /dev/null unless redirected; what it
# changes (cd, umask, variables) stays with it. $! under set -u is
# unbound before the first job.
waitname() { for i in $(seq 100); do grep -q "Name:.$2\$" /proc/$1/status && return; sleep 0.1; done; }
mkdir -p /tmp/jd && cd /tmp/jd
(cd /tmp; sleep 100) & waitname $! sleep
readlink /proc/$!/cwd; kill $!
sleep 100 > /tmp/jd/out 2>/dev/null < /tmp/jd & waitname $! sleep
readlink /proc/$!/fd/0 /proc/$!/fd/1 /proc/$!/fd/2; kill $!
JOBVAR=set sleep 100 & waitname $! sleep
tr '\0' '\n' < /proc/$!/environ | grep '^JOBVAR='; tr '\0' ' ' < /proc/$!/cmdline; echo; kill $!
sleep 100 & waitname $! sleep
readlink /proc/$!/fd/0; kill $!
echo given > /tmp/jd/in
exec 3<&0; exec < /tmp/jd/in; cat & wait; echo "a job reads /dev/null: $?"; exec <&3; exec 3<&-
cat < /tmp/jd/in & wait
x=1; { cd /; umask 077; x=2; echo "in the job: $PWD $(umask) $x"; } & wait
echo "after it: $PWD $(umask) $x"
f() { sleep 100 & }; f; [ -n "$!" ] && kill $! && echo "a function's job sets \$!"; wait
readlink /proc/self/ns/mnt > /tmp/jd/ns
sleep 100 & waitname $! sleep
nsenter -t $! -m readlink /proc/self/ns/mnt | grep -qxF "$(cat /tmp/jd/ns)" && echo "nsenter -t \$! enters its namespace"
kill $!; wait
bash -c 'set -u; echo "[$!]"; echo not here'; echo "set -u: $?"
bash -c 'set -u; true & echo "${!:+set}"; wait'
