# trap catches signals: the action runs before the next command (after
# kill at once, and at the end of a script); trap lists in each shell's
# form (dash: INT, bash: SIGINT), '' ignores a signal for the shell and
# its children, - and a leading number reset; bad conditions (dash stops
# at the first). A shell that catches a signal is not killed by it even
# as PID 1 of its namespace.
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'trap "echo t" int; trap "echo t" 2 15 0; trap' 2>&1
	$sh -c 'trap "echo t" EXIT FOO INT; echo "status $?"; trap' 2>&1
	$sh -c 'trap "x" INT; trap - INT; trap 2; trap "" TERM; trap' 2>&1
	$sh -c 'trap "echo got \$?" USR1; false; kill -USR1 $$; echo "after $?"' 2>&1
	$sh -c 'trap "echo term" TERM; kill $$; kill -TERM $$; echo end' 2>&1
	$sh -c 'trap "echo in sub" TERM; (kill $$; echo sub alive); echo done' 2>&1
	$sh -c 'trap "echo int" INT; kill -INT $$' 2>&1
	$sh -c "trap \"echo 'q' ''a\" TERM; trap" 2>&1
	$sh -c 'f() { trap "echo ret" HUP; kill -HUP $$; echo in f; }; f; echo out' 2>&1
	$sh -c 'trap "" HUP; sh -c "kill -HUP \$\$; echo child ignores it"' 2>&1
	$sh -c 'trap "echo hup" HUP; sh -c "kill -HUP \$\$; echo no"; echo "child: $?"' 2>&1
	$sh -c 'trap "echo t" SIGINT; echo "status $?"; trap' 2>&1
done
sh -c 'trap -p; echo no' 2>&1; echo "dash -p: $?"
bash -c 'trap "x" INT; trap -p INT; trap -l | head -1' 2>&1
unshare -pf --mount-proc sh -c 'trap "echo init got TERM" TERM; kill -TERM 1; echo "pid $$ alive"' 2>&1
