# GNU cmp: the first difference ("char" in the C locale, "byte" with -b),
# -l and -b listings, -s, -n, skips, EOF on the shorter or empty file, and
# the trouble status 2.
cd /tmp
printf 'abc\ndef\n' > c1; printf 'abc\nxef\n' > c2; printf 'abc\n' > c3; printf 'ab' > c4; : > e
cmp c1 c2; echo $?; cmp c1 c3; echo $?; cmp c3 c1; echo $?; cmp -s c1 c2; echo $?; cmp c1 c1; echo $?
cmp c1 /nonexist; echo $?; cmp -l c1 c2; echo $?; cmp -b c1 c2; echo $?; cmp; echo $?
cmp c1 < c2; echo $?; cmp - c1 < c2; echo $?; cmp -n 3 c1 c2; echo $?; cmp -i 5 c1 c2; echo $?
cmp e c1; echo $?; cmp c1 e; echo $?; cmp -s c1 /nonexist; echo $?; cmp /tmp c1; echo $?
cmp -lb c1 c2; cmp c4 c1; echo $?; cmp c1 c2 4 4; echo $?; cmp c1 c2 1 2 3; echo $?
printf '\001\377' > b1; printf '\002\200' > b2; cmp -bl b1 b2; cmp -b b1 b2
mkdir /m; mount -t tmpfs t /m; cp -a /tmp/c1 /m/; cmp /tmp/c1 /m/c1 && echo same
