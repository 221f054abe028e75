# GNU diff: normal and unified (with --label) output, missing newlines,
# -q, -s, directories side by side (Only in, Common subdirectories, the
# "diff" line before each pair), -r, -N, a file against a directory, and
# the statuses 0, 1 and 2.
cd /tmp
printf 'a\nb\nc\nd\n' > d1; printf 'a\nx\nc\nd\ne\n' > d2
diff d1 d2; echo $?; diff -q d1 d2; echo $?; diff d1 d1; echo $?; diff -s d1 d1
diff d1 /nonexist; echo $?
printf 'a' > d3; printf 'b' > d4; diff d3 d4; diff d2 d1
mkdir -p r1/s r2/s; echo 1 > r1/f; echo 2 > r2/f; echo z > r1/only; echo q > r1/s/x; echo q > r2/s/x; echo w > r2/s/y
diff r1 r2; echo $?; diff -r r1 r2; echo $?; diff -rq r1 r2; diff r1/f r2; echo $?
diff -u --label A --label B d1 d2
printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n' > u1; printf '1\n2\nX\n4\n5\n6\n7\n8\nY\n10\n' > u2
diff -u --label A --label B u1 u2; diff u1 u2; diff -U1 --label A --label B u1 u2
: > em; diff em d1; diff d1 em; diff -N r1/only r2/only; echo $?
diff -rN r1 r2; echo $?
seq 1 30 > s1; seq 1 30 | sed -e '5d' -e '20a new' -e 's/^27$/twenty-seven/' > s2
diff s1 s2; diff -u --label s1 --label s2 s1 s2; diff -U0 --label s1 --label s2 s1 s2
mkdir /m; mount -t tmpfs t /m; cp -a /tmp/r1 /m/; diff -r /tmp/r1 /m/r1 && echo same
diff; echo $?; diff a; echo $?; diff a b c; echo $?
