# dash runs eval's text as it runs a program: a division by zero or a
# shift past $# ends the shell with status 2, redirection failures and
# commands not found are named "eval: " after the line number, which
# counts the text's own lines (blank lines and comments included), and a
# function called from eval's text is within it. Not an arithmetic
# error's eval text after a pipeline nor a function defined by eval and
# called outside it.
sh -c 'echo start
eval "echo a
nosuch1"; echo st=$?
eval "echo \$((1/0))"; echo after $?'; echo rc=$?
sh -c 'set -- a b; eval "

# comment
if true; then
  # more
  nosuch7
fi
shift 5"; echo st=$?'; echo rc=$?
sh -c 'eval "echo hi > /nonexistent/x"; echo st=$?; eval "cat < /nonexistent"; echo st=$?'; echo rc=$?
sh -c 'f() { nosuchf; }; eval "f"; eval "g() { nosuchg; }"; g; eval "echo \$((4/2)) \$((7%0))"; echo no'; echo rc=$?
sh -c 'eval "set -u; echo \$nope"; echo no'; echo rc=$?
sh -c 'eval "x=1; echo \$x | cat; y=\$((x+1)); eval \"echo \\\$y\""'; echo rc=$?
