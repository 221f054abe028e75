# nl: numbering styles (a, t, n, pBRE) per section, header/body/footer
# delimiters restarting the count, -p, -l, -v, -i, number formats,
# widths and separators, and bad option values.
printf 'a\n\nb\n' | nl | od -An -c
printf 'a\n\nb' | nl -ba -nln -w3 -s:
printf 'x\n\\:\\:\\:\nh\n\\:\\:\nb\n\\:\nf\n' | nl -ha -fa
printf 'x\n\\:\\:\\:\nh\n\\:\\:\nb\n\\:\nf\n' | nl -p
printf 'x\n@@@@\ny\n@@\nz\n' | nl -d @@ -ha
printf 'x\n@:@:\ny\n' | nl -d @
printf 'a\nb\n' | nl -v 5 -i 2 -nrz
printf 'foo\nbar\n' | nl -bp'^b'
printf '\n\n\na\n' | nl -l 2 -ba
printf 'a\nb\n' | nl -s '' -w 1
printf 'a\n' | nl -v -3 -i -2 -ba
printf 'a\n' > /tmp/n1; nl /tmp/n1 - /tmp/n1 < /tmp/n1
nl -b x; echo $?
nl -h q; echo $?
nl -n x; echo $?
nl -w 0 </dev/null; echo $?
nl -w x </dev/null; echo $?
nl -l 0 </dev/null; echo $?
nl -v x </dev/null; echo $?
nl -bp'\(' </dev/null; echo $?
nl nonexist; echo $?
