# set -C / set -o noclobber in dash (sh) and bash: `>` onto an existing
# regular file fails (dash "cannot create F: File exists", status 2, and a
# special builtin's failure ends the shell; bash "F: cannot overwrite
# existing file", status 1), `>|` and `>>` still write, /dev/null and
# other non-regular files open as before, a missing name is created, a
# link to a file counts as the file; +C and +o undo it, a subshell's
# setting stays there, $- shows C in each shell's place, exec N> obeys
# it, and the lock-file idiom of init scripts works.
cd /tmp
rm -f f g l d nowhere
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'echo $-; set -C; echo $-; echo a > f; echo b > f; echo st=$?; cat f; echo c >| f; cat f; echo d >> f; cat f; echo e > /dev/null; echo null=$?; set +C; echo $-; echo z > f; cat f; set -o noclobber; echo $-; set +o noclobber; echo $-; set -eC; echo $-; (set +C; echo $-); echo $-' 2>&1
	rm -f f
	$sh -c 'set -C; echo 1 > f; cat f > f; echo st=$?; echo x > g; exec 3> g; echo exec=$?' 2>&1; echo rc=$?
	$sh -c 'set -o noclobber; echo 1 > f; : > f; echo notreached' 2>&1; echo rc=$?
	$sh -c 'set -C; echo $$ > f && echo locked; echo $$ > f || echo busy; ln -s f l; echo x > l; echo st=$?; ln -s nowhere d; echo x > d; echo st=$?; cat nowhere' 2>&1
	rm -f f g l d nowhere
	$sh -c 'set -Cu -- a b; echo "$- $# $1"; set +C -f -- c; echo "$- $#"' 2>&1
	$sh -c 'set -C; echo x > f; echo y 2>&1 >| f; cat f; echo z 1<> f; cat f; (set +C; echo w > f); cat f; echo v > f 2>/dev/null; echo st=$?' 2>&1
	$sh -c 'set -C; echo a > f; set +C > f; echo notreached' 2>&1; echo rc=$?
	rm -f f g
done
bash -c 'set -C; echo a &> f; echo b &> f; echo st=$?; cat f' 2>&1
rm -f f
