# dash's arithmetic has neither **, the comma, nor postfix ++ and --:
# each fails when the expansion is evaluated ("expecting primary",
# "expecting EOF"), ending the shell with status 2, while a prefix ++ or
# -- is two signs (the variable does not change). bash has them all.
for e in '2**10' '1,2' 'x=5, x+1' 'x++' 'x--' '++x' '--x' '-+x' '2*(3+4)' 'x<<=2'; do
	sh -c 'x=1; echo "$(('"$e"'))"; echo "x=$x"' 2>&1; echo "sh: $?"
	bash -c 'x=1; echo "$(('"$e"'))"; echo "x=$x"' 2>&1; echo "bash: $?"
done
