# xargs: words split at blanks and newlines with quotes and backslashes,
# -0 and -d, -n, -L, -I, -E, -r, -t, -s, -x, -a; commands run as
# children with /dev/null as standard input; exit statuses 123, 124,
# 126, 127 and the usage errors.
cd /tmp
printf 'a b\nc\n' | xargs; echo "rc=$?"
printf 'a b\nc\n' | xargs echo x; echo "rc=$?"
printf '"a b" c\\ d '\''e f'\'' g\n' | xargs -n1 echo
printf ' lead  \n\n  trail\t\n' | xargs -n1 printf '[%s]\n'
printf '1 2 3 4 5\n' | xargs -n 2 echo
printf '1 2\n3\n4 5 6\n7\n' | xargs -L 2 echo
printf '1 2 \n3\n4\n' | xargs -L 1 echo
printf 'a\0b c\0\0d' | xargs -0 -n1 printf '[%s]\n'
printf 'a:b c::d\n' | xargs -d: -n1 printf '[%s]\n'
printf 'a,b' | xargs -d '\x2c' echo
printf 'a\tb' | xargs -d '\t' -n1 echo
printf 'one\ntwo three\n' | xargs -I{} echo '<{}>' '{}{}'
printf 'one\ntwo\n' | xargs -I X echo X-X
printf 'one\ntwo\n' | xargs -i echo '<{}>'
printf 'one\ntwo\n' | xargs --replace=@ echo @
printf 'a b\nSTOP\nc\n' | xargs -E STOP echo
printf 'a STOP b\nc\n' | xargs -E STOP echo
printf 'a b\n' | xargs -e echo
: | xargs echo empty; echo "rc=$?"
: | xargs -r echo empty; echo "rc=$?"
printf 'x y\n' | xargs -t echo 2>&1
printf "it's\n" | xargs -0 -t echo 2>&1
printf '1 2 3 4\n' | xargs -s 12 echo
printf 'abcdefgh\n' | xargs -s 10 echo; echo "rc=$?"
printf '1 2 3\n' | xargs -x -n 2 -s 8 echo; echo "rc=$?"
printf 'f1\nf2\n' > list; echo stdin | xargs -a list cat -; echo "rc=$?"
xargs -a nosuch echo; echo "rc=$?"
printf 'in\n' | xargs cat; echo "rc=$?"
printf '1 2\n' | xargs -n1 sh -c 'exit $0'; echo "rc=$?"
printf '1 255 3\n' | xargs -n1 sh -c 'echo $0; exit $0'; echo "rc=$?"
printf 'a\n' | xargs nosuchcmd; echo "rc=$?"
mkdir d; printf 'a\n' | xargs ./d; echo "rc=$?"
printf 'a "b\n' | xargs echo; echo "rc=$?"
printf "a 'b" | xargs echo; echo "rc=$?"
printf 'a\0b\n' | xargs echo
printf 'x\n' | xargs -E END -0 echo
printf '1 2 3\n' | xargs -n 2 -L 1 echo
printf '1 2 3\n' | xargs -L 1 -n 2 echo
printf '1 2\n' | xargs -I{} -n1 echo {}
printf '1 2\n' | xargs -I{} -L1 echo {}
printf 'a b c\n' | xargs -P 1 -n 1 echo
printf 'a\n' | xargs --process-slot-var=SLOT sh -c 'echo "$SLOT $0"'
printf 'a\n' | xargs --process-slot-var=A=B echo; echo "rc=$?"
xargs -n 0 echo; echo "rc=$?"
xargs -n abc echo; echo "rc=$?"
xargs -L -1 echo; echo "rc=$?"
xargs -P -1 echo; echo "rc=$?"
xargs -d ab echo; echo "rc=$?"
xargs -d '\400' echo; echo "rc=$?"
xargs -d '\x4g' echo; echo "rc=$?"
xargs -d '\q' echo; echo "rc=$?"
xargs -h; echo "rc=$?"
xargs --nosuch; echo "rc=$?"
printf 'a\n' | xargs -p echo; echo "rc=$?"
printf 'a\n' | xargs -o cat; echo "rc=$?"
printf '%s\n' a b c | xargs -n1 -t sh -c 'echo "$0" >&2' 2>&1
printf "255\n" | xargs sh -c 'exit $0'; echo "rc=$?"
