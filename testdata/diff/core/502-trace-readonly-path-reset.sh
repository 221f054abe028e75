# set -x shows readonly's and export's words in both shells (bash adds
# the assignment's own line) even in a program that makes variables
# readonly; setting PATH, even to its own value, empties the table of
# remembered programs in both shells, and an assignment's status stays
# its command substitution's.
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'set -x; readonly B=2; export C=3; echo done' 2>&1
	$sh -c 'ls >/dev/null; PATH=$PATH; hash; ls >/dev/null; export PATH="$PATH"; hash; ls >/dev/null; hash >/tmp/hl; wc -l </tmp/hl; PATH=$(false); echo "status $?"' 2>&1
done
