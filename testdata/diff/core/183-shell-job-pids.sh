# $! is the process ID of the last background job, as /proc, kill and
# wait know it: a simple command's job is the program itself (the shell
# execs it in the forked child), its parent is the shell, jobs -p lists
# it. $! is the parent's in subshells and unset before any job; $$ and
# $PPID are the shell's in subshells and command substitutions, and a
# child shell's parent is the shell. Process IDs are compared, never
# printed.
echo "before: [$!] [${!:-none}] ${#!}"
sleep 100 & p=$!
case $p in *[!0-9]*|'') echo "not a number: $p" ;; *) echo "a number" ;; esac
test -d /proc/$p && echo "/proc/\$! exists"
for i in $(seq 100); do grep -q 'Name:.sleep' /proc/$p/status && break; sleep 0.1; done
grep '^Name' /proc/$p/status
awk -v s=$$ '$1 == "PPid:" { print ($2 == s) ? "parent is the shell" : "other parent" }' /proc/$p/status
awk -v p=$p '$1 == "Pid:" { print ($2 == p) ? "pid is $!" : "other pid" }' /proc/$p/status
[ "$(jobs -p)" = "$p" ] && echo "jobs -p is \$!"
(echo "$!") | grep -qx "$p" && echo "\$! in a subshell"
[ "$(echo $!)" = "$p" ] && echo "\$! in a command substitution"
[ "${#!}" -gt 0 ] && echo "\${#!} is its length"
kill $p; wait $p; echo "killed: $?"
test -d /proc/$p || echo "reaped: /proc/\$! is gone"
sleep 100 & q=$!
[ "$q" != "$p" ] && echo "a new job, a new process"
[ "$(jobs -p)" = "$q" ] && echo "jobs -p lists the live job only"
kill $q; wait $q
: & [ "$!" != "$q" ] && echo "\$! follows the last job"; wait
( sleep 100 & echo $! > /tmp/inner ); [ "$!" != "$(cat /tmp/inner)" ] && echo "a subshell's job leaves \$! alone"
kill $(cat /tmp/inner)
me=$$ pp=$PPID
( [ "$$" = "$me" ] && [ "$PPID" = "$pp" ] && echo "\$\$ and \$PPID in a subshell" )
[ "$(echo $$ $PPID)" = "$me $pp" ] && echo "\$\$ and \$PPID in a command substitution"
awk -v s=$$ -v pp=$PPID '$1 == "PPid:" { print ($2 == pp) ? "\$PPID is the shell'\''s parent" : "other" }' /proc/$$/status
[ "$(bash -c 'echo $PPID')" = "$$" ] && echo "a child shell's \$PPID is \$\$"
[ "$(bash -c 'echo $$')" != "$$" ] && echo "a child shell has a \$\$ of its own"
{ sleep 100 & echo $! > /tmp/nested; wait; } & outer=$!
for i in $(seq 100); do [ -s /tmp/nested ] && break; sleep 0.1; done
awk -v s=$outer '$1 == "PPid:" { print ($2 == s) ? "a job'\''s job is its child" : "other" }' /proc/$(cat /tmp/nested)/status
kill $(cat /tmp/nested); wait $outer; echo "outer: $?"
