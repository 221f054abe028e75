# grep and files with NUL bytes: "binary file matches" on stderr instead
# of the lines, counts and names as usual, -a (--text) reads them as
# text, -I as matching nothing.
printf 'a\0b\nab\n' > /tmp/bin
printf 'ab\nxx\n\0\n' > /tmp/bin2
grep a /tmp/bin; echo "plain $?"
grep -c a /tmp/bin
grep -l a /tmp/bin /tmp/bin2 /nonexistent; echo "list $?"
grep -q a /tmp/bin; echo "quiet $?"
grep -H . /tmp/bin2; echo "H $?"
grep -a a /tmp/bin | od -c
grep -I a /tmp/bin; echo "I $?"
grep x /tmp/bin; echo "none $?"
cat /tmp/bin | grep b; echo "stdin $?"
grep -n --text b /tmp/bin | od -c
grep -v zzz /tmp/bin2; echo "invert $?"
