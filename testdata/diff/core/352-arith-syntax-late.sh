# An arithmetic expression neither shell can read ($((1+)), $((2 3)),
# bash's (( 1 ?2 ))) is found only when it is evaluated: the lines
# before it run, and the report comes then, with what the expansions in
# it gave. bash says "EXPR: syntax error: operand expected (error token
# is "+")" and abandons the line, dash "arithmetic expression: expecting
# primary: "EXPR"" and ends with status 2; dash reads (( as two
# subshells. An empty $(( )) is 0 to bash. A fault in a here-document
# is reported on its command's line (dash's, in the child that expands
# it, fails the command with status 2 and is not modelled).
mkdir -p /tmp/t
cd /tmp/t
cat > late <<'EOS'
echo first
echo a $((1+))
echo b $?
x=$((2 3)); echo same $?
echo c $? "[$x]"
y=4
echo d "$(( y +* 2 ))"
echo e $?
echo f $(( ))
z=5; echo g $(($z 1))
echo h $?
echo end
EOS
cat > more <<'EOS'
f() { echo in-f $((1 ? 2)); echo after-in-f; }
v=$(echo $((1=2)); echo in-subst); echo "a [$v]"
(echo $((x = )); echo in-sub); echo b $?
f; echo after-f
echo d $?
echo "e $((1 @ 2))" done
echo "f $(( (1 + 2) ))" "$((7 - (1+))) "
echo g $?
EOS
cat > hdoc <<'EOS'
cat <<X
body $((3 ** ))
X
echo c $?
EOS
printf 'x=5\n(( $x 1 ))\necho a $?\n((x+=2)) ; echo b $? $x\nif (( 2 3 )); then echo t; fi; echo c $?\nwhile ((x > 0 +)); do echo no; done\necho d $?\n((  ))\necho e $?\ntrue && (( 1 ?2 ))\necho f $?\n' > cmd
for f in late more cmd; do
	for s in bash sh; do
		echo "== $s $f"
		$s $f 2>&1
		echo "rc $?"
	done
done
ls
bash hdoc 2>&1
bash -c 'echo x; echo $((+)); echo y
echo z $?' 2>&1
echo "rc $?"
sh -c 'echo x; echo $((+)); echo y
echo z $?' 2>&1
echo "rc $?"
