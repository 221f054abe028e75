# grep's output options: -o (with -n, -b, -w), context (-A, -B, -C and the
# "--" between groups, also across files), -m with trailing context, -c,
# -L and -l with -Z, -r and -R (readdir order, names without ./ when no
# operand, symlinks), --include/--exclude/--exclude-dir, directories
# without -r, and bad numbers.
mkdir -p /g/d/e; cd /g
seq 1 20 > n; printf 'x1\ny\nx2\n' > d/f.txt; printf 'x3\n' > d/e/g.log; ln -s ../n d/link; printf 'x\n' > other
grep -A2 -B1 '^1[05]$' n
grep -C1 -n '^[37]$' n
grep -m2 -A1 1 n; echo $?
grep -c -m3 1 n
grep -v -o 1 n | head -2; echo $?
grep -o '[0-9]' n | head -3
grep -n -b -o 1 n | head -4
grep -r x . | sort
grep -r x | sort
grep -r x d | sort
grep -R x d | sort
grep -r --include='*.txt' x . ; grep -r --exclude='*.txt' x d; grep -r --exclude-dir=e x d
grep x d; echo $?
grep -s x d; echo $?
grep -rh x d | sort
grep -rc x d | sort
grep -rl x d | sort; grep -rL x d | sort; echo $?
grep -L x other; echo $?; grep -L zzz other; echo $?
grep -lZ x other d/f.txt | od -c | head -2
grep -A1 x other d/f.txt
grep -w -o 'x[0-9]' d/f.txt
grep -e 1 -e 2 -c n
grep -m 0 1 n; echo $?
grep -A 1 -B 0 '^2$' n
grep --colour=never -o 'y' d/f.txt; grep --color y d/f.txt
grep -ob x other
grep -A x n; echo $?
grep -m x 1 n; echo $?
