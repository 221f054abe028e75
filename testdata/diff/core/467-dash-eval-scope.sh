# What eval's text does stays done: variables, positional parameters
# (shift, set --), functions, cd, descriptors opened by exec; break and
# continue act on the loop around the eval, local and return on the
# function around it; exit ends the shell. set -x shows the eval and
# what its text runs (not the shell's own rewriting of it), and the
# same for a sourced file.
sh -c 'f() { eval "local x=5; echo \$x; return 4"; echo no; }; f; echo st=$?; x=1; echo x=$x'
sh -c 'for i in 1 2 3; do eval "[ \$i = 2 ] && break"; echo i=$i; done; echo out'
sh -c 'for i in 1 2 3; do eval "[ \$i = 2 ] && continue"; echo i=$i; done'
sh -c 'eval "exit 3"; echo no'; echo rc=$?
sh -c 'set -- a b c; eval "shift; echo \$#"; echo $# "$@"; eval "set -- x"; echo "$@"'
sh -c 'eval "f() { echo in f \$1; }"; f z; eval "cd /tmp"; pwd'
sh -c 'x=$(eval "echo \$((2+3))"); echo $x; eval "y=\$((x*2))"; echo $y'
sh -c 'eval "false"; echo $?; eval ""; echo $?; eval; echo $?; eval "(exit 3)"; echo $?'
sh -c 'eval "exec 3>/tmp/e3"; echo hi >&3; cat /tmp/e3'
sh -c 'eval "cat <<E
hello \$0
E"'
sh -c 'eval "a=1" "b=2"; echo $a $b; eval "echo \"x  y\""; eval "echo a | tr a b"'
sh -c 'set -u; eval "echo \$nope | cat"; echo no'; echo rc=$?
printf 'echo r1\nreturn 3\necho r2\n' > /tmp/ret.sh
sh -c '. /tmp/ret.sh; echo st=$?'; echo rc=$?
sh -c 'set -x; eval "a=1; echo \$a"; x=$(eval "echo c"); . /tmp/ret.sh' 2>&1; echo rc=$?
