# A "#!" interpreter may itself be a script, four deep (the fifth is
# ELOOP); the kernel puts each interpreter and its one argument (the
# rest of the line) ahead of the file it runs. An empty "#!" line is
# ENOEXEC, which env (execvp) and the shells answer by running the file
# with /bin/sh. How dash and bash report ELOOP, an interpreter without x,
# a path through a file and a directory, as a command and with exec.
mkdir /tmp/e; cd /tmp/e
printf '#!/bin/sh\necho "s0 $0 $*"\n' > s0
for i in 1 2 3 4 5; do printf '#!/tmp/e/s%d\n' $((i - 1)) > s$i; done
printf '#!/tmp/e/s0   one  two  \n' > a
printf '#!\necho "empty $0"\n' > empty
printf '#!  \t \necho "blank $0"\n' > blank
printf '#!/tmp/e/nox\n' > vnox; : > nox
printf '#!/tmp/e/plain\necho via plain\n' > vp; printf 'echo "plain $0 $*"\n' > plain
chmod +x s? a empty blank vnox vp plain
./s4 x; echo "s4 $?"
./a y; ./empty; ./blank; ./vp; echo "vp $?"
env ./s4 z; env ./empty; env ./vp
env ./s5; echo "env s5 $?"; env ./vnox; echo "env vnox $?"
for sh in sh bash; do
	$sh -c './s5; echo "s5 $?"; ./vnox; echo "vnox $?"; /tmp/e/nox/x; echo "notdir $?"; /tmp; echo "dir $?"; ./nox; echo "nox $?"
		./empty; ./vp; echo "vp $?"'
	$sh -c './s5; echo "first $?"'
	for f in ./s5 ./vnox /tmp ./nox /tmp/e/nox/x ./nofile; do
		$sh -c "exec $f"; echo "$sh exec $f $?"
	done
done
