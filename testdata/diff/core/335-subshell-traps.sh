# trap's listing in a subshell: bash shows the parent's traps until the
# subshell sets one of its own, dash only the signals it ignores (which
# stay ignored); trap -p is bash's. dash's jobs knows no -x (nor -s).
mkdir -p /tmp/t
cd /tmp/t
cat > traps <<'EOS'
trap 'echo a' EXIT; trap 'echo i' INT; trap '' TERM
(trap 'echo u' USR1; trap); echo ---
(trap -p INT 2>&1); echo ---
(trap - INT; trap); echo ---
( (trap) )
EOS
cat > jobsx <<'EOS'
sleep 1 &
jobs -x echo %1 >/dev/null
echo a $?
jobs -x true
echo b $?
jobs -s
echo c $?
wait
EOS
for f in traps jobsx; do
	for s in sh bash; do
		echo "== $s $f"
		$s $f 2>&1
		echo "rc $?"
	done
done
bash -c 'trap "echo t" USR1; x=$(trap); echo "$x"'
