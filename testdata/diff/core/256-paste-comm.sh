# paste: parallel and serial, delimiter lists with escapes and \0,
# standard input named more than once, files of unequal length, -z and
# errors; comm: columns, hiding them, --output-delimiter, --total, the
# order checks in their three modes, and operand errors.
cd /tmp
printf '1\n2\n3\n' > a; printf 'x\ny' > b; : > e
printf '1\n3\n5\n' > s1; printf '2\n3\n4\n' > s2; printf 'b\na\n' > us
printf 'c\na\n' > us2
for c in "paste a b" "paste -s a b" "paste -d, a b" "paste -d ',;' a a a" "paste -sd '\\t,' a" \
	"paste - - < a" "paste -d '' a b" "paste -z a" "paste a nonexist" "paste -d '\\' a b" \
	"paste -d 'x\\' a b" "paste -s e a" "paste e a" "paste -s -d '\\n' a" "paste -d '\\0,' a a a" \
	"paste -d 'a\\qb' a a a" "paste - a - < b" "paste -s - < b" "paste -s nonexist a" \
	"comm s1 s2" "comm -12 s1 s2" "comm -3 s1 s2" "comm --output-delimiter=: s1 s2" "comm --total s1 s2" \
	"comm us s2" "comm --check-order us s2" "comm --nocheck-order us s2" "comm s1" "comm s1 s2 s1" "comm" \
	"comm -z s1 s2" "comm - s2 < s1" "comm nonexist s2" "comm -1 -2 -3 s1 s2" "comm --total -3 s1 s2" \
	"comm --output-delimiter= s1 s2" "comm us us2" "comm --check-order s1 us" "comm us2 s1"; do
	echo "== $c"; eval "$c" | od -An -c; echo "[$?]"
done
comm us s2; echo $?
comm --check-order s1 us; echo $?
