# sh is dash: shifting more than $# ends the shell (a subshell only the
# subshell); `.` of a missing file and local outside a function end it;
# eval's syntax errors are dash's; exec's failed redirection of a high
# descriptor ends it; hash names what it cannot find; break outside a
# loop is silent; syntax errors name the token or what dash expected.
sh -c 'set -- a b; shift 2; echo "shifted: $#"; shift; echo no' 2>&1; echo "shift: $?"
sh -c 'f() { shift 3; echo no; }; f a b; echo no' 2>&1; echo "shift in f: $?"
sh -c '(shift 1); echo "subshell: $?"; x=$(shift 4); echo "subst: $?"' 2>&1
sh -c 'shift -1' 2>&1; echo "shift -1: $?"
sh -c '. /nonexist; echo no' 2>&1; echo "dot: $?"
sh -c '. nosuchfile; echo no' 2>&1; echo "dot path: $?"
sh -c '. /tmp; echo "dot dir: $?"' 2>&1
printf 'echo sourced $#\n' > /tmp/src.sh
sh -c 'PATH=/tmp:$PATH; . src.sh; echo "dot found: $?"' 2>&1
sh -c 'f() { local a=1; echo "$a"; }; f; local b; echo no' 2>&1; echo "local: $?"
sh -c 'eval "if"; echo no' 2>&1; echo "eval if: $?"
sh -c 'eval "echo ("; echo no' 2>&1; echo "eval paren: $?"
sh -c 'exec 3</nonexist; echo no' 2>&1; echo "exec fd: $?"
sh -c '(exec 4</nonexist; echo no); echo "exec sub: $?"' 2>&1
sh -c 'exec 5>&9; echo no' 2>&1; echo "exec dup: $?"
sh -c 'hash ls nosuch1 cd nosuch2; echo "hash: $?"' 2>&1
sh -c 'getopts; echo "getopts: $?"' 2>&1
sh -c 'break; continue 2; echo "break: $?"' 2>&1
sh -c 'for i in 1; do break 0; done; echo no' 2>&1; echo "break 0: $?"
for s in 'if' 'if true' 'if true; then' 'while true' 'for' 'for i' 'for i in a' \
	'case' 'case x' 'case x in' 'case x in a) echo' 'case x in a) echo;; b' '(' 'f() {' \
	'echo |' 'echo &&' 'if then fi' 'while do done' '{ }' 'echo )' 'echo ;;' 'echo ( a )' \
	'if true; then
fi' 'echo (
' 'case x in
a) echo
'; do
	sh -c "$s" 2>&1; echo "status $?"
done
# dash's printf: its own words for bad numbers, no %q or length
# modifiers, and its output after its complaints.
sh -c 'printf "%d|%d|%d|%d\n" abc 12abc "" 99999999999999999999; echo "printf: $?"' 2>&1
sh -c 'printf "%f %x\n" abc 3.5; printf "%d %d\n" - +' 2>&1
sh -c 'printf "a%qb\n" x; echo "q: $?"; printf "%ld\n" 5; printf' 2>&1; echo "printf usage: $?"
# A shell runs a line at a time: lines before a syntax error run (with
# the EXIT trap after the error); a line with one runs nothing.
sh -c 'trap "echo trap \$?" EXIT; echo first
if true; then echo second; fi; fi
echo never' 2>&1; echo "late error: $?"
sh -c 'echo same; fi' 2>&1; echo "same line: $?"
# dash does no brace expansion.
sh -c 'mkdir -p /tmp/br/{a,b} /tmp/br/x{1..2}; ls /tmp/br; echo {a,b} "{c,d}" {}; for i in {1,2}; do echo "$i"; done'
