# bash: $LINENO and $FUNCNAME; local and return outside a function fail
# and the shell goes on; . and source of a missing file or a directory.
# dash: return outside a function ends the shell with its status.
bash -c 'echo "line $LINENO"
f() {
	echo "$FUNCNAME ${FUNCNAME[0]} at $LINENO"
}
f; echo "[$FUNCNAME]"' 2>&1
bash -c 'return 1; echo "after return: $?"; local x; echo "after local: $?"' 2>&1
bash -c 'f() { local y=2; echo "$y"; return 4; }; f; echo "f: $?"' 2>&1
bash -c 'source /nonexistent; echo "source: $?"; . nofile; echo "dot: $?"; source /tmp; echo "dir: $?"; source; echo "none: $?"' 2>&1
printf 'echo "sourced $1"\n' > /tmp/sx.sh
bash -c '. /tmp/sx.sh a; cd /tmp && source sx.sh b' 2>&1
sh -c 'false; return; echo no' 2>&1; echo "dash return: $?"
sh -c 'return 5; echo no' 2>&1; echo "dash return 5: $?"
