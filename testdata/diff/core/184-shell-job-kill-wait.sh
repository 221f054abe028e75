# kill sends a signal to a process or job and wait collects a job's
# status: 128 plus the signal for one a signal killed, its exit status
# otherwise, 127 for a process that is no job of this shell. A job
# ignores SIGINT and SIGQUIT (no job control), not SIGTERM or SIGHUP.
sleep 100 & kill $!; wait $!; echo "TERM: $?"
sleep 100 & kill -s HUP $!; wait $! 2>/dev/null; echo "HUP: $?"
sleep 100 & kill -USR1 $!; wait $! 2>/dev/null; echo "USR1: $?"
sleep 100 & kill -n 9 $!; wait $! 2>/dev/null; echo "KILL: $?"
sleep 100 & kill -9 $!; wait $! 2>/dev/null; echo "-9: $?"
sleep 100 & kill -s sigalrm $!; wait $! 2>/dev/null; echo "ALRM: $?"
sleep 100 & p=$!; kill -0 $p; echo "kill -0: $?"; kill -- $p; wait $p; echo "--: $?"
wait $p; echo "again: $?"
kill -0 $p 2>/dev/null; echo "kill -0 after: $?"
sleep 100 & p=$!
for i in $(seq 100); do grep -q 'Name:.sleep' /proc/$p/status && break; sleep 0.1; done
kill -INT $p; kill -QUIT $p; kill -0 $p && echo "INT and QUIT ignored"
grep -q '^SigIgn:.*6$' /proc/$p/status 2>/dev/null; kill %1; wait %1; echo "%1: $?"
exit 3 & wait $!; echo "exit 3: $?"
false & wait $!; echo "false: $?"
(exit 7) & wait $!; echo "(exit 7): $?"
bash -c 'exit 5' & wait $!; echo "bash -c: $?"
{ true; false; } & wait $!; echo "block: $?"
! true & wait $!; echo "negated: $?"
set -e; { false; echo not here; } & wait $! || echo "errexit in a job: $?"; set +e
true & true & true & wait; echo "wait: $?"
sleep 100 & kill $!; wait; echo "wait after kill: $?"
sleep 100 & sleep 0.1 & wait -n; echo "wait -n: $?"; kill %1; wait
wait -n; echo "wait -n, no jobs: $?"
wait 99999999; echo "unknown pid: $?"
wait 99999999 $$ 2>/dev/null; echo "the shell itself: $?"
wait %5; echo "no such job: $?"
wait abc; echo "not a pid: $?"
wait -x; echo "bad option: $?"
kill 99999999; echo "no such process: $?"
kill -s FOO 1; echo "bad signal: $?"
kill -99 1; echo "bad number: $?"
kill abc; echo "not a pid: $?"
kill %5; echo "no such job: $?"
kill; echo "no operand: $?"
kill -s; echo "no signal: $?"
sleep 100 & kill -s TERM $! 99999999; echo "one of two: $?"; wait
kill -l | head -3
kill -l 9 15 143 0 64 192 EXIT term SIGUSR1 rtmin+1 RTMAX-1
kill -l 200; echo "kill -l 200: $?"
kill -l 32; echo "kill -l 32: $?"
sh -c 'echo $$ > /tmp/fg; exec sleep 100' & j=$!
for i in $(seq 100); do [ -s /tmp/fg ] && grep -q 'Name:.sleep' /proc/$(cat /tmp/fg)/status && break; sleep 0.1; done
[ "$(cat /tmp/fg)" = "$j" ] && echo "exec in a job keeps the job's process"
kill $j; wait $j; echo "exec'd job: $?"
rm -f /tmp/fg; { for i in $(seq 100); do [ -s /tmp/fg ] && break; sleep 0.1; done; kill $(cat /tmp/fg); } &
bash -c 'echo $$ > /tmp/fg; exec sleep 100'; echo "foreground, killed: $?"
bash -c 'kill $$; echo not here'; echo "a shell that kills itself: $?"
{ bash -c 'kill -s HUP $$'; } 2>/dev/null; echo "HUP itself: $?"
wait
