# sh is dash: cd's, umask's and type's own words and statuses ("Illegal
# option", "Illegal number", "Illegal mode", "NAME: not found" on
# standard output with 127), next to bash's.
mkdir -p /tmp/b
sh -c 'cd -x /tmp; echo "cd -x: $?"; cd /tmp/b /nonexist; pwd' 2>&1
sh -c 'unset HOME; cd /tmp/b; cd; echo "cd no HOME: $?"; pwd' 2>&1
sh -c 'umask abc; echo "mode: $?"; umask 99; echo "number: $?"; umask 027; umask' 2>&1
sh -c 'type nosuch; echo "type: $?"; command -v nosuch; echo "command -v: $?"; command -V nosuch; echo "command -V: $?"' 2>/dev/null
bash -c 'cd /tmp/b /nonexist; echo "bash cd: $?"; umask 99; echo "bash umask: $?"; type nosuch; echo "bash type: $?"' 2>&1
