# A simple command's duplication of a descriptor that is not open:
# dash says "N: Bad file descriptor" with status 2 (a special builtin's
# failure ends it, and a failed dup onto its standard error goes
# unreported), bash the same with status 1; /bin/echo, a builtin's
# program file, fails as the builtin; descriptors opened by exec or on
# the command itself duplicate as before, from a builtin or a program.
cd /tmp
rm -f f g
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'echo x >&5; echo st=$?; cat <&7; echo st=$?; echo y 2>&9; echo st=$?; /bin/echo z >&5; echo st=$?; printf "%s\n" a >&5 || echo failed $?' 2>&1
	$sh -c 'echo y >&8 2>&9; echo st=$?; ls /nonexistent 2>&9; echo st=$?' 2>&1
	$sh -c ': >&6; echo st=$?' 2>&1; echo rc=$?
	$sh -c 'exec 3>f; echo one >&3; /bin/echo two >&3; printf "three\n" 1>&3; cat f; exec 4<f; read l <&4; echo "$l"; cat <&4; exec 3>&- 4<&-; echo four >&3; echo st=$?' 2>&1
	$sh -c 'echo five 3>g >&3; cat g; cat 3<g <&3; echo six 3>g 1>&3 | cat; cat g; echo seven >&3 | cat; echo st=$?' 2>&1
	$sh -c 'f() { echo in f; }; f >&5; echo st=$?' 2>&1
	rm -f f g
done
