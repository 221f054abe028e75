# awk I/O: getline in all its forms, files and commands, close and its
# status, print to > >> and | with the order of their output, system(),
# fflush, /dev/stdout and /dev/stderr.
cd /tmp
printf 'k1 v1\nk2 v2\n' > /tmp/g-kv
printf 'l1\nl2\nl3\n' | awk 'BEGIN { getline; print "got", $0, NR; getline v; print v, NR, $0 }'
printf 'l1\nl2\nl3\n' | awk 'NR == 1 { getline; print "after getline:", $0, NR } END { print NR }'
printf 'a\n' | awk '{ print NR; r = getline; print r, NR, $0 }'
printf '1\n2\n3\n' | awk '{ while ((getline line) > 0) n++ } END { print n, NR, line, $0 }'
awk 'BEGIN { while ((getline < "/tmp/g-kv") > 0) print $2, NF, NR }'
awk 'BEGIN { while ((getline l < "/tmp/g-kv") > 0) print "l=" l, NF; print (getline l < "/tmp/no-such") }'
awk 'BEGIN { getline x < "/tmp/g-kv"; getline y < "/tmp/g-kv"; close("/tmp/g-kv"); getline z < "/tmp/g-kv"; print x "|" y "|" z }'
awk 'BEGIN { f = "/tmp/g-kv"; getline < f "ignored"; print $0 }'
echo "in" | awk 'BEGIN { getline x < "-"; print "x=" x } { print "main", $0 }'
awk 'BEGIN { "echo hello world" | getline; print NF, $2, NR }'
awk 'BEGIN { "echo hello world" | getline x; split(x, w); print w[2], NR }'
echo 'x y' | awk '{ "echo q" | getline; print NR, $0; "echo r" | getline v; print NR, v }'
awk 'BEGIN { while (("echo a; echo b" | getline line) > 0) n++; print n, line }'
awk 'BEGIN { "echo x" | getline a; "echo x" | getline b; print a, "[" b "]" }'
awk 'BEGIN { cmd = "echo x"; cmd | getline a; close(cmd); cmd | getline b; print a, b }'
awk 'BEGIN { "echo 1; exit 3" | getline v; print v, close("echo 1; exit 3") }'
awk 'BEGIN { print "hello" > "/tmp/g-f1"; print "world" >> "/tmp/g-f1"; close("/tmp/g-f1"); while ((getline l < "/tmp/g-f1") > 0) print "read", l }'
awk 'BEGIN { print "a" >> "/tmp/g-f2"; close("/tmp/g-f2"); print "b" >> "/tmp/g-f2"; close("/tmp/g-f2") }'; cat /tmp/g-f2
awk 'BEGIN { printf "%s-%s\n", "a", "b" > "/tmp/g-f3"; print 1, 2 > "/tmp/g-f3" }'; cat /tmp/g-f3
printf 'a b\nc d\n' | awk '{ print $2 > ("/tmp/g-" $1) }'; cat /tmp/g-a /tmp/g-c
awk 'BEGIN { print "x" > "/tmp/g-f4"; print close("/tmp/g-f4"), close("/tmp/g-f4"), close("never") }'
awk 'BEGIN { print "to stderr" > "/dev/stderr"; print "to stdout" > "/dev/stdout"; print "plain" }'
awk 'BEGIN { printf "err " > "/dev/stderr"; print "out" }' 2>/dev/null
awk 'BEGIN { print "b\na\nc" | "sort"; close("sort"); print "after sort" }'
awk 'BEGIN { cmd = "sort -r"; print "1" | cmd; print "3" | cmd; print "2" | cmd }'
awk 'BEGIN { print "x" | "cat"; print "y" }'
awk 'BEGIN { print "x" | "cat"; print "y"; close("cat"); print "z" }'
awk 'BEGIN { print "z" | "cat"; r = system("exit 3"); print r }'
awk 'BEGIN { print "a"; system("echo b"); print "c" }'
awk 'BEGIN { print "a"; fflush(); system("echo b 1>&2"); print "c" }' 2>&1
awk 'BEGIN { print close("x"), system("true"), system("false"), system("") }'
awk 'BEGIN { print "a" | "cat 1>&2" }' 2>&1
awk 'BEGIN { printf "%s\n", "p" | "cat"; close("cat"); print "q" | "cat" }'
echo "x" | awk '{ print > "/tmp/g-o2"; print "y" >> "/tmp/g-o2" } END { close("/tmp/g-o2"); while ((getline l < "/tmp/g-o2") > 0) print "got " l }'
awk 'BEGIN { while (("cat /tmp/g-kv" | getline) > 0) { n++; last = $1 }; print n, last }'
awk 'BEGIN { print ENVIRON["HOME"] != "", length(ENVIRON["NO_SUCH_VAR"]) }'
FOO=bar awk 'BEGIN { print ENVIRON["FOO"] }'
awk 'BEGIN { print "first" | "cat"; print "second" | "sed s/^/x/"; print "third" | "tr a-z A-Z" }'
