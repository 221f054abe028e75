# Arithmetic errors in both dialects: division and remainder by zero in
# an expansion (of a command's word or an assignment's value), bash's
# (( )) and let (with quoted expressions) and a negative exponent, and
# an assignment to a readonly variable inside an expression. bash words
# them "EXPR: division by 0 (error token is ...)" and goes on with
# status 1; dash says "arithmetic expression: ..." and ends the (sub)shell
# with status 2. (bash also drops the rest of the top-level line: 351.)
mkdir -p /tmp/t
cd /tmp/t
cat > div <<'EOS'
echo a $((1/0))
echo b $?
x=$(( 7 % 0 ))
echo c $? "[$x]"
EOS
cat > sub <<'EOS'
(echo in $((2/0)))
echo b $?
echo c $(( 6/3 ))
EOS
cat > cmds <<'EOS'
(( 1/0 ))
echo a $?
let 'y=1/0'
echo b $?
let 'y=5' "z = y * 2"
echo c $? $y $z
let 'y=0'
echo d $?
(( y += 4, y > 3 ))
echo e $? $y
echo f $((2**-1))
echo g $?
EOS
cat > ro <<'EOS'
x=1; readonly x
echo a $(( x++ ))
echo b $? $x
EOS
for s in sh bash; do
	for f in div sub; do
		echo "== $s $f"
		$s $f 2>&1
		echo "rc $?"
	done
done
for f in cmds ro; do
	echo "== bash $f"
	bash $f 2>&1
	echo "rc $?"
done
