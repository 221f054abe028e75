# A compound command whose redirection fails ({ }, ( ), for, while, if,
# case, a function body in dash) does not run, with dash's status 2 (bash 1)
# and each shell's message; one that opens runs with its redirections
# as before: here-documents, nested groups, pipelines, command
# substitutions, background groups, set -C, set -e.
cd /tmp; rm -f f g
printf '1\n2\n' > in
printf 'while read l; do echo "$l"; done <<EOF\none\ntwo\nEOF\n{ cat; } <<EOF > f\nthree\nEOF\ncat f\n' > /tmp/hd.sh
for sh in sh bash; do
	echo "== $sh"
	$sh -c '{ echo b; } > /nonexist/f; echo st=$?; for i in 1; do echo c; done > /nonexist/f; echo st=$?; (echo d) > /nonexist/f; echo st=$?; while read l; do echo $l; done < /nonexist/in; echo st=$?' 2>&1
	$sh -c 'while read l; do echo "got $l"; /bin/echo "prog $l"; done < in; { echo a; /bin/echo b; ls /nonexistent; } > f 2>&1; cat f; if true; then echo x; fi >> f; cat f; { echo y; } >&5; echo st=$?; case a in a) echo z;; esac > g; cat g' 2>&1
	$sh -c 'set -C; echo 1 > f; { echo 2; } > f; echo st=$?; cat f; { echo 3; } >| f; cat f' 2>&1
	$sh -c '{ echo out; echo err >&2; } 2>/dev/null | cat; (echo sub; exit 3) > f; echo st=$?; cat f; { read a; read b; echo "$b$a"; } < in' 2>&1
	$sh -c 'f() { echo in f; } > f; f; cat f; { echo bg; } > g & wait; cat g' 2>&1
	$sh /tmp/hd.sh 2>&1
	$sh -c '{ { echo inner; } > g; echo outer; } > f; cat f g; { echo p; } | { cat; } > f; cat f; x=$( { echo cs; } > f; echo after ); echo "$x"; cat f' 2>&1
	$sh -c 'for i in 1 2; do echo $i; done > f 2>&1 < /dev/null; cat f; ! { false; } > f; echo st=$?; { exit 4; } > f; echo notreached' 2>&1; echo rc=$?
	$sh -c 'set -e; { echo a; } > /nonexist/x; echo notreached' 2>&1; echo rc=$?
	rm -f f g
done
sh -c 'g() { echo in g; } > /nonexist/g; g; echo st=$?' 2>&1
rm -f in /tmp/hd.sh
