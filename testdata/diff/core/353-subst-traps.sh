# trap in a command substitution and in a pipeline's part, which are
# subshells: bash lists the parent's traps there (until the subshell
# sets one), dash 0.5.12 only the signals it ignores; a trap set there
# stays there. Listings quote as each shell does ('\'' or '"'"').
for s in sh bash; do
	echo "== $s"
	$s -c 'trap "echo a" EXIT; trap "echo i" INT; trap "" TERM; trap "echo u'"'"'q" USR1
x=$(trap); echo "[$x]"
echo ---; y=$(trap -- "echo z" HUP; trap); echo "[$y]"
echo ---; echo "$(trap)" | head -2
echo ---; (trap)
echo ---; trap | cat
echo ---; z=$( (trap) ); echo "[$z]"
echo ---; w=`trap`; echo "[$w]"
echo ---; v=$(echo $(trap)); echo "[$v]"
echo ---; f() { trap; }; u=$(f); echo "[$u]"
echo ---; trap
trap - EXIT' 2>&1
	$s -c 'trap "echo a" INT; false; x=$(echo $?); echo "[$x]"
x=$(trap "echo s" USR2; trap; echo $(trap)); echo "[$x]"
trap
f() { trap "" QUIT; echo $(trap); }; y=$(f); echo "[$y]"
trap -- - INT; echo "[$(trap)]"' 2>&1
done
bash -c 'trap "echo t" USR1; trap -p | cat; x=$(trap -p USR1); echo "$x"'
