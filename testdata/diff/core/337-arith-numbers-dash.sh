# Constants with a leading 0 and a digit octal lacks (bash: "value too
# great for base", dash: "expecting EOF"), and what dash makes of bash's
# let (a command it does not find), (( )) (two subshells around a
# command) and set -o pipefail (an illegal option, which ends it).
mkdir -p /tmp/t
cd /tmp/t
cat > octal <<'EOS'
echo a $((08))
echo b $?
echo c $((1+08)) $((09+1))
echo d $?
x=$(( 019 ))
echo e $? $x
echo f $((010 + 0x10))
EOS
cat > bashisms <<'EOS'
let 'y=1+2'
echo a $? $y
(( 1/0 ))
echo b $?
((0))
echo c $?
set -o pipefail
echo d
EOS
for f in octal bashisms; do
	for s in sh bash; do
		echo "== $s $f"
		$s $f 2>&1
		echo "rc $?"
	done
done
bash -c '(( 08 )); echo "(( $? ))"' 2>&1
