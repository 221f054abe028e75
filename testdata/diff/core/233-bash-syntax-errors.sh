# bash's syntax errors: the token near which the program broke and the
# text of its line, "unexpected end of file" on the line after the last,
# an unclosed quote or $( by what bash looked for; lines before the one
# with the error run first. In a script the file's name leads.
for s in 'if' 'if true' 'while true; do' 'for' 'for i in a' 'case' 'case x in a) echo;; b' \
	'{ echo' '( echo' 'echo (' 'echo ( a )' 'echo )' 'echo ;;' 'if then fi' 'while do done' '{ }' \
	'echo |' 'echo &&' 'f() {' 'echo "abc' "echo 'abc" 'echo `abc' 'echo $(abc' 'echo ${a' \
	'echo a
fi' 'if true; then
  echo x
fi fi' 'echo one; if true; then echo; fi fi'; do
	bash -c "$s"; echo "status $?"
done 2>&1
printf 'echo first\nif true; then\n  echo second\nfi fi\necho never\n' > /tmp/syn.sh
bash /tmp/syn.sh 2>&1; echo "script: $?"
