# A CHLD trap runs after a child of the shell ends (a program, a
# background job, a subshell, a command substitution), before the next
# command; builtins are no children.
mkdir -p /tmp/t
cat > /tmp/t/chld <<'EOS'
trap "echo chld" CHLD
sleep 0 &
wait
echo done
true
env true
echo end
(true)
echo sub
x=$(echo a)
echo subst $x
trap - CHLD
env true
echo off
EOS
for s in sh bash; do
	echo "== $s"
	$s /tmp/t/chld 2>&1
	echo "rc $?"
done
