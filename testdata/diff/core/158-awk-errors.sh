# awk's diagnostics and exit statuses as mawk gives them: syntax errors
# with their line, type errors, run-time errors with the record position,
# unreadable files, bad options.
t() { awk "$@" </dev/null; echo "rc=$?"; }
t 'BEGIN{'
t 'BEGIN{
'
t 'BEGIN{x=1 +}'
t 'BEGIN{x=1 +
}'
t '{print $1'
t 'BEGIN { x = 1; y = ( }'
t 'BEGIN { x = 1 2 3 4 ) }'
t 'BEGIN { if x }'
t 'BEGIN { f(1) }'
t 'function f(a){} BEGIN { f = 1 }'
t 'BEGIN { f = 1 } function f() {}'
t 'function f(f) { } BEGIN {}'
t 'BEGIN { print "abc }'
t 'BEGIN { x = /abc }'
t 'BEGIN{ getline < }'
t 'BEGIN { a[1]; a = 2 }'
t 'BEGIN { x = 1; x[1] = 2 }'
t 'BEGIN { print length(x); x[1] }'
t 'function f(a) { a[1] = 1 } BEGIN { x = 5; f(x) }'
t 'BEGIN { print split("a b", s); print s }'
t 'function g(a) { return a } BEGIN { print g(1, 2) }'
t 'BEGIN { @ }'
t 'BEGIN { next }'
t 'function f(x) { next } BEGIN {}'
t 'BEGIN { return 1 }'
t 'BEGIN { break }'
t 'BEGIN { 2 ** 3 }'
t 'function f(n) { return f(n + 1) } BEGIN { f(1) }'
t 'BEGIN { printf "%d %s\n", "a" }'
t 'BEGIN { printf "%z\n", 1 }'
t 'BEGIN { printf "%ld %lld\n", 1, 2 }'
t 'BEGIN { printf "abc%" }'
t 'BEGIN { printf "%.2c|%5%|\n", "abc" }'
t 'BEGIN { print > "/nonexistent/dir/file" }'
echo "a b" | awk '{ print $-1 }'; echo "rc=$?"
printf 'a\n' > /tmp/e-in
awk 'NR == 1 { printf "%d %d\n", 1 }' /tmp/e-in; echo "rc=$?"
t 1 /tmp/no-such-file
echo a | awk 1 - /tmp/no-such-file; echo "rc=$?"
t -f /tmp/no-such-prog.awk
printf 'BEGIN{\nx=(1\n}\n' > /tmp/e-prog.awk
t -f /tmp/e-prog.awk
t -x 'BEGIN{}'
t -v
t -v x 'BEGIN{}'
t -f
t -F
t 'BEGIN { print 1/0, 1%0 }'
t '/(/'
t '/a|*b/'
t '/[[:foo:]]/'
t '/()/'
t '/a||b/'
t '/a|/'
t 'BEGIN { if ("x" ~ "(") print }'
t 'BEGIN { r = "["; n = split("a[b", arr, r) }'
t '{ print $1 }}'
t '{ print $1 }} END { }'
t ')'
t 'BEGIN { print 1 >= 2 }'
t 'BEGIN { x = ++1 }'
