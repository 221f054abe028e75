# getopt: optional arguments, abbreviations (unique and ambiguous), -a with
# '=' and prefixes, quoting of shell-special words, -u, POSIXLY_CORRECT,
# long option lists with blanks, '-' as a word, an empty -n, -T and -V.
{
getopt -o a:: -l opt:: -- -a x --opt y --opt=z -ab
getopt -o '' -l verbose,version -- --ver; echo "rc $?"
getopt -o '' -l verbose,version -- --verb --vers
getopt -a -o ab: -l foo:,bar -- -foo=1 -fo 2 -b3 -bar
getopt -o x -l long: -- --long; echo "rc $?"
getopt -o x -l long -- --long=1; echo "rc $?"
getopt -o a -- -a '' "a b" '$HOME' '`x`' '"q"'
getopt -s tcsh -o a -- 'x!y' 'a b'
getopt -u -o a: -- -a 'x y' -- 'p q'
GETOPT_COMPATIBLE=1 getopt ab -a x; echo "rc $?"
POSIXLY_CORRECT=1 getopt -o a -- x -a
getopt --options=ab --longoptions=cc -- -ab --cc
getopt -o a -l 'one two,three' -- --two --three --one
getopt -o ab -- -a - -b
getopt -n "" -o a -- -z; echo "rc $?"
getopt -T -o a; echo "rc $?"
getopt -o a -V; echo "rc $?"
getopt -l ':' -o a -- -a; echo "rc $?"; getopt -l 'x,::' -o a -- -a; echo "rc $?"
} 2>&1
