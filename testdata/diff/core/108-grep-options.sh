# grep's options by getopt_long's rules, its usage errors, -f of a missing
# file; 1<> opens read-write without truncating.
printf 'a\nb\nab\n' > /tmp/g-gf
grep --bogus; echo rc=$?
grep; echo rc=$?
grep -f /nonexist x; echo rc=$?
grep -e a -e b /tmp/g-gf; echo rc=$?
grep -c -x a /tmp/g-gf; echo rc=$?
grep -w -v ab /tmp/g-gf /tmp/g-gf; echo rc=$?
grep -l a /tmp/g-gf /nonexist; echo rc=$?
grep -s a /nonexist; echo rc=$?
echo hello 1<>/tmp/g-rw; cat /tmp/g-rw
printf 'XYZ' > /tmp/g-rw2; echo ab 1<>/tmp/g-rw2; cat /tmp/g-rw2
grep -E 'a|b' /tmp/g-gf | grep -F -q ab; echo rc=$?
grep -i A -n -H /tmp/g-gf; echo rc=$?
printf 'a -x\n' | grep -w -- -x; printf 'foo_bar\nfoo bar\n' | grep -w foo; printf 'x.y\n' | grep -wc '.'
