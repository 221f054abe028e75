# sed's error messages and exit statuses: program errors with their
# place (-e number, char; file and line), unreadable inputs, labels.
t() { sed "$@" </dev/null; echo "rc=$?"; }
t 's/a/b'
t -e p -e 's/a/b'
t 'p;k'
t '/abc'
t 'y/abc/de/'
t 's/a/b/gg'
t 's/a/b/0'
t 's/a/b/x'
t 's/\(a\)/\2/;p'
t '}'
t '{p'
t '0p'
t 'p x'
t ':'
t 'a'
t '1'
t '1,2q'
t 's/\(/x/'
t -E 's/a|*b/x/'
t '//Ip'
t '1,$!!p'
t 'b nowhere'
t 'r'
t 'v 9.0'
printf 'p\n\ns/a/b\n' > /tmp/e-sf; t -f /tmp/e-sf
t -f /tmp/e-nonexist
echo x | sed '//p'; echo rc=$?
printf 'x\n' > /tmp/e-in
sed p /tmp/e-nonexist /tmp/e-in; echo rc=$?
sed -n '$p' /tmp/e-in /tmp/e-nonexist; echo rc=$?
sed p /tmp; echo rc=$?
echo x | sed -n 'w /tmp/e-nodir/f'; echo rc=$?
