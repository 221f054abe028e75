# sed a/i/c (one-line and backslash forms), N/D/P loops, the hold space,
# q/Q exit codes, l, =, and a last line without a newline.
printf 'l1\nl2\nl3\n' > /tmp/t-in
sed '2i\
inserted\
  twice' /tmp/t-in
sed '1a  appended' /tmp/t-in
sed '$a\  kept spaces' /tmp/t-in
sed '/l2/c\changed' /tmp/t-in
sed '1,2c\
range' /tmp/t-in
sed '2!c\
other' /tmp/t-in
sed -e '1a\' -e 'two -e' /tmp/t-in
sed = /tmp/t-in | sed 'N;s/\n/ /'
sed '$!N;s/\n/+/' /tmp/t-in
sed -n 'H;${x;s/\n/,/g;p}' /tmp/t-in
sed '1!G;h;$!d' /tmp/t-in
printf 'a b c\n' | sed 's/ /\n/;P;D'
printf '1\n2\n3\n4\n5\n' | sed -n '$!{h;d};x;G;p'
printf 'a\nb\nc' | sed p | od -c
printf 'a\nb\nc' | sed 'n;s/./X/'; echo
printf 'a\nb\nc' | sed N; echo
printf 'a' | sed x | od -c
printf 'a\nb' | sed '1h;2g' | od -c
printf 'a' | sed 'a\
after' | od -c
printf 'x\n' | sed 'q5'; echo rc=$?
printf 'x\ny\n' | sed '1Q3'; echo rc=$?
printf 'a\tb\001\\c\n' | sed -n 'l;l 4;l 0'
seq -s '' 1 45 | sed -n l
printf 'abcdefgh\n' | sed -n -l 5 l
printf 'a\nb\n' | sed -n 's/a/X/;N;t lab;p;d;:lab;s/^/T/p'
printf 'a\nb\nc\n' | sed -n '2{p;n;p}'
printf 'one\ntwo\n' | sed -z 's/\n/,/g'; echo
printf 'x\n' | sed 'z;s/^$/empty/'
