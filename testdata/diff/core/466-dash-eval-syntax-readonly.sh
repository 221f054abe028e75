# dash reads eval's text and a sourced file a line at a time: the
# complete lines before a syntax error run, then the error (with the
# text's own line number and "eval: " or the file's name) ends the shell
# with status 2. An arithmetic expansion that does not parse is reported
# when it is expanded; a readonly variable assigned in such a text, or
# ${x?} there, names the text too.
sh -c 'eval "echo a; echo b
if true; then"; echo after'; echo rc=$?
sh -c 'eval "echo a; (echo"; echo after'; echo rc=$?
sh -c 'echo x
eval "echo
if"'; echo rc=$?
sh -c 'eval "echo \$((1+))"; echo no'; echo rc=$?
sh -c 'readonly r=1; eval "r=2"; echo no'; echo rc=$?
sh -c 'eval "echo \${undefined_var:?msg here}"; echo no'; echo rc=$?
sh -c 'eval "echo \${u2?}"; echo no'; echo rc=$?
printf 'echo a; echo b\necho c; if\n' > /tmp/syn2.sh
printf 'echo a\nfi\n' > /tmp/syn3.sh
printf 'readonly ro=1\nro=2\necho no\n' > /tmp/ro.sh
sh -c '. /tmp/syn2.sh; echo no'; echo rc=$?
sh -c '. /tmp/syn3.sh; echo no'; echo rc=$?
sh -c '. /tmp/ro.sh'; echo rc=$?
