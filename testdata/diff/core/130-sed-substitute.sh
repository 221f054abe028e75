# sed's s command: & and groups, g/N/p/I flags, case conversion, escapes,
# other delimiters, extended expressions, y.
printf 'hello world\nfoo bar baz\nAbc abc ABC\n' > /tmp/s-in
sed 's/o/0/g' /tmp/s-in
sed 's/\(hello\) \(world\)/\2 \1 [&]/' /tmp/s-in
sed -E 's/(\w+) (\w+)/\U\2\E \1/' /tmp/s-in
sed -n 's/abc/X/Igp' /tmp/s-in
sed 's/a/_/2' /tmp/s-in
sed 's/[aeiou]/<&>/2g' /tmp/s-in
sed 's/\w\+/\u&/g;s/o/\n/;s/ /\t/' /tmp/s-in
sed 's#/#::#g;s|b|\||' <<'X'
a/b/c
X
echo baaac | sed 's/a*/x/g'
echo abc | sed 's/x*/-/g'
echo 'a*b^c$d' | sed 's/*/X/;s/a^b/Y/;s/c$d/Z/'
echo 'a+b?' | sed 's/+/P/;s/a\+/R/;s/b?/Q/'
echo 'key = value' | sed -E 's/^([a-z]+) *= *(.*)$/\2=\1/'
echo 'foo123bar45' | sed -E 's/[0-9]{2,}/<&>/g'
echo 'tab	here' | sed 's/\t/TAB/;s/[[:space:]]*$/./'
echo 'hello world' | sed 's/\<./\u&/g'
echo 'x.y.z' | sed 's/\./\x26/g'
echo 'Hello' | sed 'y/Helo/JELO/'
echo 'abc' | sed 'y/abc/\n\t\\/' | od -c
printf 'a\nb\n' | sed 'N;s/a.b/[dot matches newline]/'
printf 'a\nb\n' | sed 'N;s/^b/B/M;s/a$/A/M'
printf 'one\ntwo\n' | sed 's/o/0/w /tmp/s-w'; cat /tmp/s-w
printf 'a b\n' | sed 's/ /\
/'
