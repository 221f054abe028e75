# dash's . runs the file's text as it runs a program, naming the file
# after the line number (the file's own) in the messages of the commands
# it reads: a command not found, a division by zero (which ends the
# shell with status 2), a shift past $# (shift's own message).
mkdir -p /tmp/dd
printf 'echo in\nnosuch2\n\necho $((2/0))\necho notreached\n' > /tmp/dd/f.sh
printf 'echo g\nshift 9\necho no\n' > /tmp/dd/g.sh
printf 'nosuch1\nx=$((3*4)); echo $x\n' > /tmp/dd/h.sh
sh -c '. /tmp/dd/f.sh; echo back $?'; echo rc=$?
sh -c 'set -- a b; . /tmp/dd/g.sh; echo back $?'; echo rc=$?
sh -c 'cd /tmp/dd && PATH=/tmp/dd:$PATH && . h.sh; echo back $?; . ./h.sh; eval ". ./h.sh"'; echo rc=$?
