# A duplication onto a word that is no descriptor number: dash ends the
# (sub)shell with "Syntax error: Bad fd number", status 2, when the
# command runs (what ran before stays done, a command substitution ends
# alone); bash reads >&WORD and 1>&WORD as &>WORD (output and errors to
# the file WORD) and any other as an ambiguous redirect, status 1.
cd /tmp
rm -f a 1a
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'echo before; echo x >&a; echo after' 2>&1; echo rc=$?
	$sh -c 'echo before; { echo in; echo x >&a; }; echo after' 2>&1; echo rc=$?
	$sh -c 'echo $(echo x >&a; echo no); echo st=$?' 2>&1; echo rc=$?
	$sh -c 'echo x 2>&1a; echo st=$?' 2>&1; echo rc=$?
	rm -f a 1a
done
bash -c 'echo x >&a; cat a; ls /nonexistent 1>&a; cat a; echo y 2>&a; echo st=$?; cat <&a; echo st=$?; echo z >&-; echo st=$?' 2>&1
rm -f a
