# sh is dash: a bad number for exit, return or shift ends the shell (a
# subshell only the subshell) with status 2; set -u's unset parameter
# and exec of a missing program end it too; syntax errors are
# "Syntax error: ...".
sh -c 'exit abc; echo no' 2>&1; echo "exit: $?"
sh -c 'exit -1' 2>&1; echo "exit -1: $?"
sh -c 'exit +3' 2>&1; echo "exit +3: $?"
sh -c '(exit x); echo "subshell: $?"' 2>&1
sh -c 'f() { return x; }; f; echo no' 2>&1; echo "return: $?"
sh -c 'shift y; echo no' 2>&1; echo "shift: $?"
sh -c 'set -u; echo "$zz"; echo no' 2>&1; echo "nounset: $?"
sh -c 'exec nosuch; echo no' 2>&1; echo "exec: $?"
sh -c 'exec /nonexist/x; echo no' 2>&1; echo "exec path: $?"
sh -c 'read -r; echo "read: $?"; read 1x < /dev/null; echo "read name: $?"; unset -v 2b; echo no' 2>&1; echo "unset: $?"
sh -c 'echo "abc' 2>&1; echo "quote: $?"
sh -c 'if true; then echo' 2>&1; echo "if: $?"
sh -c '{ echo; ' 2>&1; echo "brace: $?"
sh -c 'fi' 2>&1; echo "fi: $?"
sh -c 'echo ${a?}; echo no' 2>&1; echo "unset: $?"
sh -c 'a=; echo ${a:?}; echo no' 2>&1; echo "null: $?"
sh -c 'f() { echo ${1:?need one}; }; f; echo no' 2>&1; echo "positional: $?"
bash -c 'x=1; echo ${a:?oops}; echo no' 2>&1; echo "bash: $?"
bash -c 'exec nosuch; echo no' 2>&1; echo "bash exec: $?"
