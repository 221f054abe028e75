# tr: character classes and their case conversion, complements, ranges,
# [c*n] repeats, [=c=], escapes, -d/-s/-t and their combinations, and
# the messages for bad sets and operand counts.
t() { printf '%s => ' "$*"; printf 'Hello World 123\taa  bb\n' | tr "$@"; echo "[$?]"; }
t '[:lower:]' '[:upper:]'
t '[:upper:]' '[:lower:]'
t '[:lower:][:upper:]' '[:upper:][:lower:]'
t 'a[:upper:]' 'x[:lower:]'
t '[:alpha:]' 'x'
t '[:digit:][:space:]' '#_'
t -c 'a-z' 'X'
t -C 'a' 'b'
t -c 'a' 'xy'
t -c 'a' '[x*]y'
t -cd 'a-z\n'
t -c '[:alpha:]' '\n'
t -s ' '
t -d '[:space:]'
t -d '[:punct:][:cntrl:]'
t 'a-c' 'A'
t -t 'abcdefgh' 'xy'
t 'a-z' 'A-Z'
t 'lo' '[x*]'
t 'lo' '[x*1]y'
t 'ab' '[x*2][y*]'
t 'abc' '[x*0]'
t 'a-z' '[x*010]Q'
t -ds 'l' 'a'
t -s 'a-z' 'A-Z'
t -sc 'a-z' '-'
t '[=a=]' 'z'
t '\141' 'Q'
t '\t\n' '%$'
t 'H-' 'x'
t -- '-H' 'x'
t '[a' 'x'
t 'a-' 'xy'
t '\q' x
t -d '[='
t 'a\' b
t 'z-a' 'x'
t a
t -d
t
t -s
t -ds a
t a b c
t -d a b
t a ''
t '[:upper:]' '[:digit:]'
t '[:digit:]' '[:upper:]'
t 'a' '[:upper:]'
t '[:upper:]' 'x[:lower:]'
t '[:foo:]' x
t '[::]' x
t '[=ab=]' x
t 'a' '[=b=]'
t '[x*]' y
t a '[x*][y*]'
t -d a '[x*]'
t 'abc' '[x*08]'
t 'abc' '[x*z]'
t -c '[:alpha:]' 'xy'
t -x a
printf 'aaa\0bbb\n' | tr '\000' '\n'
