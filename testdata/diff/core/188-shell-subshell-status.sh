# A subshell, forked, starts with its parent's $?, as does a background
# job: false; (echo $?) prints 1. A pipeline's part is a fresh start (0);
# a failing status carried into a subshell trips neither errexit nor the
# list it is in, and set -x shows only the script's commands.
false; (echo "subshell: $?")
false; echo "substitution: $(echo $?)"
(exit 3); (echo "after a subshell: $?")
false; ( (echo "nested: $?") )
false | (echo "pipeline part: $?")
false; (echo "job: $?") & wait
false; { echo "job's simple command: $?" & } ; wait
f() ( echo "function body subshell: $?" ); false; f
set -e
false || (echo "errexit, || list: $?")
(exit 4) || { (echo "in a group: $?"; (echo "inner: $?")); }
set +e
set -x
false || (echo traced) 2>&1
set +x
