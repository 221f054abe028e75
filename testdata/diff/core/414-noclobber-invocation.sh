# sh -C, sh -o noclobber and bash's the same: the shell starts with
# noclobber on ($- shows C, > onto an existing file fails as under
# set -C), +C after -C turns it off again, and a shell it starts does
# not inherit it.
cd /tmp; rm -f f
for sh in sh bash; do
	echo "== $sh"
	$sh -C -c 'echo $-; echo a > f; echo b > f; echo st=$?; cat f; env | grep -c NOCLOB; $0 -c "echo \$-"' 2>&1
	rm -f f
	$sh -o noclobber -c 'echo $-; echo a > f; echo b > f; echo st=$?; set +C; echo c > f; cat f' 2>&1
	$sh -eC +C -c 'echo $-' 2>&1
	rm -f f
done
