# Jobs of a shell that is pid 1 of a new PID namespace: $!, jobs -p, wait
# PID and kill PID use the numbers of the shell's own namespace (those
# its /proc shows), a number outside it is no process, and the
# namespace's init drops the signals it has no handler for: TERM and KILL
# from inside it (the shell itself, a subshell), TERM from the parent
# namespace; KILL from there ends it.
unshare -p -f --mount-proc bash -c '
echo "shell $$ ppid $PPID"
sleep 100 & p=$!
echo "job $p"; jobs -p
grep PPid /proc/$p/status
ls -d /proc/$p >/dev/null && echo "/proc/\$! is the job"
kill -0 $p && echo alive
kill -0 99; echo "kill 99: $?"
wait 99; echo "wait 99: $?"
kill $$; echo "survived TERM to itself"
kill -9 $$; echo "survived KILL to itself"
( kill -9 1; echo "a subshell: KILL to 1 dropped" )
sleep 100 | sleep 100 &
jobs -p
kill %2; wait %2; echo "pipeline: $?"
kill $p; wait $p; echo "job: $?"
wait $p; echo "wait again: $?"
' 2>&1
echo "rc=$?"
rm -f /tmp/ns-ready
unshare -p -f --mount-proc bash -c 'echo $$ > /tmp/ns-ready; while :; do sleep 0.1; done' 2>/dev/null & u=$!
for i in $(seq 100); do [ -s /tmp/ns-ready ] && break; sleep 0.1; done
cat /tmp/ns-ready
c=$(grep -ls "^PPid:	$u\$" /proc/[0-9]*/status | cut -d/ -f3)
grep -E '^NSpid' /proc/$c/status | awk '{ print $1, ($2 == c) ? "global" : "other", $3 }' c=$c
kill -TERM $c; echo "TERM from outside: $?"
sleep 0.3; test -d /proc/$c && echo "init still there"
kill -KILL $c; echo "KILL from outside: $?"
wait $u; echo "unshare ended"
