# /dev/fd, /dev/stdin, /dev/stdout and /dev/stderr are links into
# /proc/self/fd (a distribution's udev makes them); a redirection to them
# duplicates the descriptor (bash itself, dash through the link); a
# program reads /dev/stdin from a pipe or a file; an anonymous pipe
# opened again through /proc/self/fd waits for nobody.
ls -l /dev/fd /dev/stdin /dev/stdout /dev/stderr | sed 's/.*root root *[0-9]* [A-Z][a-z]* *[0-9]* [0-9:]* //'
stat -c '%a %F %n' /dev/pts /dev/shm
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'echo to-stderr > /dev/stderr' 2>/dev/null; echo "discarded: $?"
	$sh -c '{ echo to-file >/dev/stderr; echo out >/dev/stdout; } 2>/tmp/e >/tmp/o; echo "e: $(cat /tmp/e) o: $(cat /tmp/o)"'
	$sh -c 'echo piped | cat /dev/stdin; echo again | cat /proc/self/fd/0'
	$sh -c 'printf "from a file\n" > /tmp/in; cat /dev/stdin < /tmp/in'
	$sh -c 'exec 3>/tmp/f3; echo three >/dev/fd/3; exec 3>&-; cat /tmp/f3'
	$sh -c 'read x </dev/stdin; echo "read: $x"' <<EOF
value
EOF
done
