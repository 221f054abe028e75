# A parameter expansion the shell cannot read is found when it is
# expanded: bash says "${x!}: bad substitution" and abandons the line
# (after a bad @ operator it ends with status 1), dash says "Bad
# substitution" and ends with status 2 (a subshell or a command
# substitution with 2). dash does not know bash's ${x/a/b}, ${x:1:2},
# ${!x}, ${x[1]}, ${x^} ...; bash 5.2 not ${ cmd; }.
mkdir -p /tmp/t
cd /tmp/t
printf 'echo a\nif false; then echo ${x!}; fi; echo after $?\necho "${%%}"; echo same $?\necho next $?\nf() { echo ${x y}; echo inf; }\necho c\nf; echo after-f\n(echo ${1x}; echo in-sub); echo sub $?\ny=$(echo ${.}; echo in); echo "[$y] $?"\necho end\n' > bs2
for s in bash sh; do
	$s bs2 2>&1
	echo "rc $?"
done
for e in '${x!}' '${%}' '${1x}' '${ }' '${x y}' '${#x:1}' '${x;}' '${-x}' '${#x#a}' '${.}' '${x.y}' '${}' '${?x}' '${$x}' '${x^}' '${x,,}' '${x/a/b}' '${x:1:2}' '${@:1}' '${!x}' '${!x*}' '${x[1]}' '${#x[@]}' '${x@}' '${x@Z}'; do
	printf 'x=abc\necho a\necho "%s"\necho b $?\n' "$e" > bs
	for s in bash sh; do
		echo "-- $s $e"
		$s bs 2>&1
		echo "rc $?"
	done
done
sh -c 'v=$(echo $((1/0)); echo in); echo "a [$v] $?"; v=$(readonly r; r=1; echo in); echo "b [$v] $?"; v=$(echo ${x/a/b}; echo in); echo "c [$v] $?"; v=$(echo $((1+)); echo in); echo "d [$v] $?"; v=$(exit 3); echo "f $?"' 2>&1
