# set -x lines start with PS4 (expanded; "+ " by default, nothing when
# PS4 is unset), the line tracing an assignment to PS4 with the old one;
# a builtin's failed write (echo, printf, pwd) is "NAME: line N: BUILTIN:
# write error: ..." with status 1, a closed standard output included.
bash -c 'set -x; PS4=">> "; echo c; PS4="\$v "; echo d; PS4="+ "; echo f' 2>&1
bash -c 'PS4="@ "; set -x; (echo g); echo h' 2>&1
bash -c 'unset PS4; set -x; echo i' 2>&1
bash -c 'PS4="[\$HOME] "; set -x; echo j' 2>&1
bash -x -c 'echo k; PS4=": "; echo l' 2>&1
bash -c 'echo "[$PS4]"; env | grep -c PS4'
echo x > /dev/full; echo $?
printf y > /dev/full; echo $?
echo a >&-; echo $?
pwd > /dev/full; echo $?
pwd >&-; echo $?
printf "%s\n" a b >&-; echo $?
echo ok | cat
