# bash abandons the rest of a top-level line (and everything the line
# started: a function, a loop, a brace group) when an arithmetic
# expansion fails or a variable assignment without a command finds the
# variable readonly; $? is then 1 and the next line runs. export,
# readonly and declare only fail with status 1, a for loop over a
# readonly variable runs no round and fails. Under set -e the
# expansion still only abandons the line, the assignment ends the shell.
# An EXIT trap runs once, at the end.
mkdir -p /tmp/t
cd /tmp/t
cat > arith <<'EOS'
trap 'echo exit trap $?' EXIT
x=$((1/0)); echo same-line $?
echo next-line $?
echo a $((1/0)) && echo and-same; echo semi
echo b $?
{ echo in-brace $((1/0)); echo brace2; }; echo after-brace
echo c $?
if true; then echo $((1/0)); echo in-if; fi; echo after-if
echo d $?
for i in 1 2; do echo $((1/0)); echo loop $i; done; echo after-loop
echo e $?
f() { echo $((1/0)); echo in-f; }; f; echo after-f
echo f $?
f
echo g $?
true && echo $((1/0)); echo after-and
echo h $?
g() { local v=$((2/0)); echo in-g; }
g; echo after-g
export y=$((3%0)); echo after-export
echo i $? "[$y]"
(( 1/0 )); echo same-cmd $?
EOS
cat > ro <<'EOS'
readonly r=1
r=2; echo same $?
echo next $?
r=3 && echo and; echo semi
echo b $?
export r=4; echo exp-same $?
readonly r=5; echo ro-same $?
declare r=8; echo decl $?
f() { r=6; echo in-f $?; }; f; echo after-f
echo c $?
{ r=9; echo in-brace; }
echo d $? $r
for r in 1 2; do echo body; done; echo "for $?"
for r in; do echo b; done; echo "empty $?"
for i in 1 2; do for r in a; do echo no; done; echo "i $i $?"; done
EOS
cat > errexit <<'EOS'
set -e
x=$((1/0)); echo same
echo next $?
readonly r
r=1; echo same
echo not reached
EOS
for f in arith ro errexit; do
	echo "== $f"
	bash $f 2>&1
	echo "rc $?"
done
bash -c 'echo $((1/0)); echo same
echo next $?
x=$(echo $((2/0)); echo in); echo "[$x] $?"' 2>&1
echo "rc $?"
bash -c 'readonly r; r=1' 2>&1
echo "rc $?"
