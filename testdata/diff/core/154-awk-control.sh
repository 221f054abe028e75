# awk statements: if/else, while, do, for, for-in, break, continue, next,
# nextfile, exit with and without a status, user functions with arrays by
# reference, recursion, delete and in, SUBSEP.
printf 'a\nb\nc\n' > /tmp/c-1; printf 'x\ny\n' > /tmp/c-2
awk 'BEGIN { if (1) print "a"; else print "b"; if (0) print "c"; else if (1) print "d" }'
awk 'BEGIN { if (1) ; else print "no"; print "after" }'
awk 'BEGIN {
	x = 1 +
	    2
	print x, \
	    "continued"
	if (x == 3)
		print "three"
	else
		print "other"
	for (i = 0;
	     i < 2;
	     i++) print "i", i
}'
awk 'BEGIN { i = 0; do { i++ } while (i < 5); print i; do i--; while (i > 3); print i }'
awk 'BEGIN { while (i < 3) i++; print i; for (;;) { if (++j > 3) break }; print j }'
awk 'BEGIN { while (k < 10) { k++; if (k % 2) continue; s = s k }; print s }'
awk 'BEGIN { for (i = 0; i < 10; i++) { if (i == 3) break }; print i }'
awk 'BEGIN { for (i = 0; i < 3; i++) for (j = 0; j < 3; j++) { if (j == 1) continue; if (i == 2) break; printf "%d%d ", i, j } print "" }'
printf 'one\ntwo\nthree\n' | awk 'NR == 1 { next } { print } END { print NR }'
awk 'FNR == 2 { nextfile } { print FILENAME, $0 }' /tmp/c-1 /tmp/c-2
printf 'a\n' | awk '{ exit 2 } END { exit }'; echo "status $?"
printf 'a\n' | awk '{ exit 4 } END { print "end" }'; echo "status $?"
printf 'a\n' | awk 'END { exit 1 + 1 }'; echo "status $?"
awk 'BEGIN { exit -1 }'; echo "status $?"
awk 'BEGIN { exit 256 }'; echo "status $?"
awk 'BEGIN { exit "3x" }'; echo "status $?"
awk 'BEGIN { exit 3 } END { print "end runs"; exit }'; echo "status $?"
awk 'function f() { exit 7 } BEGIN { f(); print "not here" }'; echo "status $?"
awk 'function max(a, b) { return a > b ? a : b } BEGIN { print max(3, 7), max("b", "a") }'
awk 'function f(x) { return } BEGIN { v = f(1); print "[" v "]" }'
awk 'function g(a, b) { return a + b } BEGIN { print g(1), g(1, 2) }'
awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10), fact(20) }'
awk 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } BEGIN { print fib(20) }'
awk 'function depth(n) { if (n == 0) return 0; return 1 + depth(n - 1) } BEGIN { print depth(300) }'
awk 'function r(n) { if (n > 0) { printf "%d ", n; r(n - 1) } else print "" } BEGIN { r(5) }'
awk 'function fill(a, n,   i) { for (i = 1; i <= n; i++) a[i] = i * i } BEGIN { fill(sq, 4); print length(sq), sq[3] }'
awk 'function f(a, k) { a[k] = 1 } BEGIN { f(arr, "x"); f(arr, "y"); print length(arr), ("x" in arr), ("z" in arr) }'
awk 'function g(x) { x = 5 } BEGIN { g(y); print "[" y "]"; z = 1; g(z); print z }'
awk 'function swap(a, i, j,   t) { t = a[i]; a[i] = a[j]; a[j] = t } BEGIN { v[1] = "a"; v[2] = "b"; swap(v, 1, 2); print v[1] v[2] }'
awk 'function cnt(a,   k, n) { for (k in a) n++; return n + 0 } BEGIN { x[1]; x[2]; x[3]; print cnt(x); delete x[2]; print cnt(x); delete x; print cnt(x) }'
awk 'function local(n,   tmp) { tmp = n * 2; return tmp } BEGIN { tmp = "global"; print local(4), tmp }'
awk 'BEGIN { a["x"] = 1; delete a["x"]; for (k in a) print "left", k; print length(a); if (!("x" in a)) print "gone" }'
awk 'BEGIN { if (!(3 in a)) print "no"; if (a[3] == "") print "empty"; if (3 in a) print "now yes" }'
awk 'BEGIN { x["a", "b"] = 1; for (k in x) { split(k, p, SUBSEP); print p[1], p[2] }; if (("a", "b") in x) print "yes" }'
awk 'BEGIN { SUBSEP = ":"; a[1, 2] = 3; for (k in a) print k }'
awk 'BEGIN { for (i = 1; i <= 5; i++) a[i] = i * 10; for (k in a) s += a[k]; print s }'
awk 'BEGIN { n = split("c a b", arr); for (k in arr) print k, arr[k] }' | sort
printf 'b 2\na 1\nc 3\nb 4\n' | awk '{ sum[$1] += $2 } END { for (k in sum) print k, sum[k] }' | sort
awk 'BEGIN { while (("echo x; echo y" | getline line) > 0) n++; print n, line }'
