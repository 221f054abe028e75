# dash's . runs the file's text as it runs a program, naming the file
# after the line number (the file's own) in the messages of the commands
# it reads: a command not found, a division by zero (which ends the
# shell with status 2), a shift past $# (shift's own message). A
# function the file defines and the program calls later reports with
# the line in the file and no name, except for a command not found,
# named by what runs when the function is called.
mkdir -p /tmp/dd
printf 'echo in\nnosuch2\n\necho $((2/0))\necho notreached\n' > /tmp/dd/f.sh
printf 'echo g\nshift 9\necho no\n' > /tmp/dd/g.sh
printf 'nosuch1\nx=$((3*4)); echo $x\n' > /tmp/dd/h.sh
sh -c '. /tmp/dd/f.sh; echo back $?'; echo rc=$?
sh -c 'set -- a b; . /tmp/dd/g.sh; echo back $?'; echo rc=$?
sh -c 'cd /tmp/dd && PATH=/tmp/dd:$PATH && . h.sh; echo back $?; . ./h.sh; eval ". ./h.sh"'; echo rc=$?
printf 'f() {\n\n  nosuchf\n  echo $((5/0))\n}\necho defined\n' > /tmp/dd/fn.sh
sh -c '. /tmp/dd/fn.sh; f; echo no'; echo rc=$?
sh -c 'eval "g() { set -u; echo \$((2*3)) \$nope; }"; g; echo no'; echo rc=$?
