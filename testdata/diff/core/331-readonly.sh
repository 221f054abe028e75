# readonly variables in both dialects: assignment, unset, export,
# readonly and read of one, a prefix assignment before a command, one in
# a subshell, and the listings of readonly -p and export -p. dash ends
# the (sub)shell with status 2 where bash says so and goes on (ending
# a subshell, though, with status 1). Each case
# runs from a file, so the messages name it and its line.
mkdir -p /tmp/t
cd /tmp/t
cat > assign <<'EOS'
readonly x=1
echo a
x=2
echo b $? $x
EOS
cat > unset <<'EOS'
readonly x=1
unset x
echo b $? $x
EOS
cat > export <<'EOS'
readonly x=1
export x=2
echo b $?
readonly x=3
echo c $?
export x
echo d $?
EOS
cat > prefix <<'EOS'
readonly x=1
x=2 echo hi
echo b $x
EOS
cat > read <<'EOS'
readonly x=1
read x <<X
hi
X
echo b $? $x
EOS
cat > sub <<'EOS'
readonly x=1
(unset x; echo in)
echo c $?
(x=2; echo not)
echo d $?
y=$(echo $((1/0)); echo not); echo "e [$y]"
EOS
cat > decl <<'EOS'
f() { local x=3; echo in $x; }
readonly x=1
f
echo b $?
EOS
cat > list <<'EOS'
readonly x=1 y
readonly z="a b'c\$d\"e\\f"
export w=5
readonly w
readonly -p | grep -e ' [wxyz]=' -e ' y$'
export -p | grep -e ' [wxyz]='
readonly | grep -e ' w='
EOS
for f in assign unset export prefix read sub decl list; do
	for s in sh bash; do
		echo "== $s $f"
		$s $f 2>&1
		echo "rc $?"
	done
done
