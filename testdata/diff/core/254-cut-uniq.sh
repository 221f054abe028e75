# cut: list syntax and its errors, --complement, --output-delimiter
# (an empty one is NUL), -s, -z, lines without delimiter or final
# newline; uniq: -c -d -u -D -i -f -s -w, --all-repeated and --group
# forms, the OUTPUT operand, and the errors.
printf 'a:b:c\nd:e\nnodelim\n' > /tmp/c.txt
for a in "-f 0" "-f 2-1" "-f x" "-f 1,,2" "-f -" "-f 2-" "-f -2" "-c 1-2,4" "-b 1 -f 2" \
	"-d :: -f 1" "-d : -f 2 --complement" "-d : -f 1,3 --output-delimiter=__" "-d : -s -f 2" \
	"-c 2 --complement" "-d : -f 3,1" "-n -b 2" "-d : -f 2" "-d x" "-s -c 1" "-d '' -f 1" \
	"-c 0-2" "-b 99999999999999999999" "-f 1-2-3" "-c 2-3 --output-delimiter=_" "-d : -z -f 1" \
	"-d: -c1" "-f '1 3' -d:" "-c 3,1-2 --complement" "-f 1-3,2 -d: --output-delimiter="; do
	echo "== $a"; eval "cut $a /tmp/c.txt" | od -An -c; echo "[$?]"
done
printf 'a:b' | cut -d: -f2
printf 'ab' | cut -c1
printf 'nodelim' | cut -d: -f2
printf 'a:b\n' | cut -d: -f5 | od -An -c
printf 'abcdef\n' | cut -c 1-2,4-,3 --output-delimiter=_
printf 'x:y\n' | cut -s -d: -f 3 | od -An -c
cut -f1 /nonexist /tmp/c.txt; echo $?
printf 'abc\n' | cut -b 2- -
printf 'a 1\nA 1\nb 1\nb 2\nb 2\nc\n' > /tmp/u.txt
for a in "" -c -d -u -i -D --all-repeated=separate --all-repeated=prepend --all-repeated=sep \
	--group --group=both --group=prepend --group=append "-f 1" "-s 2" "-w 1" "-c -i -w 1" \
	"-D -c" "--group -c" "-f x" "-s -1" "-w x" "--all-repeated=bogus" "--group=p" -z "-d -u" \
	"-f 99999999999999999999999" "-c -d"; do
	echo "== $a"; eval "uniq $a /tmp/u.txt" | od -An -c; echo "[$?]"
done
uniq /tmp/u.txt /tmp/uo.txt; echo $?; cat /tmp/uo.txt
uniq /tmp/u.txt a b; echo $?
uniq /nonexist; echo $?
uniq /tmp/u.txt /nonexist/x; echo $?
printf 'x\nx' | uniq -c
printf '' | uniq --group=both | wc -c
printf 'a\na\nb\n' | uniq -D --all-repeated=separate -
