# A shell reading its script from standard input (sh -s, or no script
# named, also with -c) has s in $-: bash shows it last, dash between x
# and f; dash's set takes -s and +s, bash refuses the letter as any it
# does not know ("set: -q: invalid option" and its usage, status 2,
# nothing set) and dash ends with "Illegal option -q". Letters each
# shell knows are taken.
printf 'echo "[$-]"\n' > /tmp/f
for s in sh bash; do
	echo "== $s"
	echo 'echo "[$-]"' | $s
	echo 'echo "[$-]"' | $s -s
	echo 'echo "[$-] $# $1"' | $s -s -- a b
	echo 'echo "[$-]"' | $s -es
	echo 'echo "[$-]"' | $s -xs 2>/dev/null
	$s -s < /tmp/f
	$s /tmp/f
	$s -s -c 'echo "c[$-]"' < /dev/null
	echo 'set -f; echo "[$-]"; set -u; echo "[$-]"; set -a; echo "[$-]"' | $s
done 2>&1
echo 'set +s; echo "[$-] $?"; set -s; echo "[$-] $?"' | sh 2>&1
echo 'set +s; echo "[$-] $?"' | bash 2>&1
sh -c 'set -q; echo "$?"' 2>&1
echo "rc $?"
bash -c 'set -eq; echo $? "[$-]"; set +k; echo $?' 2>&1
sh -c 'set -es; echo "[$-]"; set +s -u; echo "[$-]"; set -s; echo "[$-]"; set -- -s a; echo "$# $1"; set -s -- x; echo "[$-] $#"; set -C; echo $?'
