# awk's main loop: fields, NF/NR/FNR/FILENAME, patterns and ranges,
# BEGIN and END, -F, -v and var=value operands.
printf 'alpha 1 x\nbeta 22 y\ngamma 333 z\n' > /tmp/a-in
printf 'one\ntwo\n' > /tmp/a-in2
awk '{ print $2, NF, $NF }' /tmp/a-in
awk '{ print NR ": " $0 }' /tmp/a-in
awk 'FNR == 1 { print "--", FILENAME } { print FNR, NR, $1 }' /tmp/a-in /tmp/a-in2
awk '$2 > 10' /tmp/a-in
awk '/beta/' /tmp/a-in
awk '!/beta/ { print $1 }' /tmp/a-in
awk 'NR == 2, NR == 3 { print "range", $1 }' /tmp/a-in
awk '/alpha/,/alpha/ { print "same line", $1 }' /tmp/a-in
awk '$1 ~ /^g/ && $2 + 0 > 100 { print "both" }' /tmp/a-in
awk 'BEGIN { print "start" } END { print "end", NR, $1 }' /tmp/a-in
awk 'END { print NR }' /tmp/a-in /tmp/a-in2
printf 'a:b:c\n' | awk -F: '{ print $2, NF }'
printf 'a:b:c\n' | awk -F : '{ print $3 }'
printf 'a\tb c\n' | awk -F'\t' '{ print $2 }'
printf 'a.b.c\n' | awk -F. '{ print NF }'
printf 'a|b|c\n' | awk -F'|' '{ print $2 }'
printf 'a1b22c\n' | awk -F'[0-9]+' '{ print $1 $2 $3, NF }'
awk -v n=5 -v 's=a\tb' 'BEGIN { print n + 1, s }'
printf 'q\n' | awk '{ print v, $0 }' v=1 - 
awk '{ print v, $1 }' v=1 /tmp/a-in2 v=2 /tmp/a-in2
awk 'END { print v }' /tmp/a-in2 v=last
awk 'BEGIN { print ARGC; for (i = 0; i < ARGC; i++) print i, ARGV[i] }' x y=1 z
awk 'BEGIN { ARGV[1] = "/tmp/a-in2"; ARGC = 2 } { print "read", $0 }' nothing
printf 'in\n' | awk '{ print FILENAME, $0 }'
awk 'BEGIN { print NR, NF, FNR, "[" FILENAME "]" }'
awk 'BEGIN { exit } END { print "END still runs" }'
printf 'x\n' | awk '1; { print "again" }'
printf 'x\n' | awk 0
awk -- 'BEGIN { print "after --" }'
cat > /tmp/a-prog <<'P'
# a program file with comments
function twice(x) {
	return 2 * x
}
{ total += twice($2) }   # sum
END {
	print "total", total
}
P
awk -f /tmp/a-prog /tmp/a-in
