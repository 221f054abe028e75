# A here-document the script ends before its delimiter: bash warns
# "here-document at line N delimited by end-of-file (wanted `EOF')" on
# the line of the program's end, and both shells take the rest of the
# file as its body (dash without the newline the last line lacks); <<-
# strips the body's leading tabs, also then.
mkdir -p /tmp/t
cd /tmp/t
printf 'echo x\ncat <<EOF\na\n\tb\n' > open
printf 'cat <<A; cat <<-B\na\nA\n\tb\n\t\tc' > two
printf 'cat <<EOF\n' > empty
cat > closed <<'EOS'
cat <<-EOF
	one
		two
	EOF
echo after
EOS
for f in open two empty closed; do
	for s in sh bash; do
		echo "== $s $f"
		$s $f 2>&1
		echo "rc $?"
	done
done
bash -c 'echo y; cat <<EOF
z' 2>&1
