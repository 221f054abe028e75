# expr: precedence, integers of any size, string and numeric
# comparisons, the match operator and its keywords, the values that
# count as false, and the syntax errors with their status 2.
t() { expr "$@"; echo "[$?]"; }
t 1 + 2
t -1 + 2
t -- 3 + 4
t -- -- 
t 5 / 0
t 5 % 0
t a + 1
t +5 + 1
t 1 - -
t 1 '*' 2 + 3
t 4 - 2 - 1
t -7 / 2
t -5 % 3
t 99999999999999999999 + 1
t 3 '<' 10
t a '<' b
t a '<' B
t 010 = 10
t 1 = 1 = 1
t b '>' a
t x '!=' x
t 2 '>=' 02
t '' '|' 0
t 0 '|' ''
t x '|' y
t '' '|' y
t 2 '&' 0
t '' '&' y
t 3 '&' y
t 00
t -0
t -
t ' '
t abc : 'a\(.*\)'
t abc : '^a'
t abc : b
t abcd : 'a*b*'
t abc : 'a\(b\)\(c\)'
t abc : 'x\(b\)'
t ab : '\(a\)*'
t abc : 'a\|x'
t a : '\w'
t 'a*' : '*a'
t 'a
b' : '.*'
t x : '\('
t a : 'a\{1'
t match abc 'a.'
t length abcde
t length ''
t substr hello 2 3
t substr hello 0 1
t substr hello -1 2
t substr hello 4 99999999999999999999
t substr hello x 1
t index hello lo
t index hello z
t index abc ''
t + length
t + match : match
t length
t 1 +
t '(' 1 + 2 ')' '*' 3
t '(' 1 + 2
t '(' 1 + 2 x
t 1 + 2 ')'
t ')'
t '(' ')'
t "it's" x
t
t --bogus
t -x 1
t --help x
t '' : ''
t 0 '|' 0 '&' 1
