# seq: fractions and exponents with the operands' precision, negative
# numbers as operands, -f formats and their checks, -w widths, -s, big
# integers, the number just past LAST that rounds to it, and errors.
t() { printf '%s => ' "$*"; seq "$@" | tr '\n' ' '; echo "[$?]"; }
t 0.5 0.5 2
t -f '%03g' 3
t -s, 5
t 5 -1 3
t -w 8 10
t -w -1 1
t -w 1 0.5 2
t -w 0.5 1.25 3
t 1e2 1e2 3e2
t 0.1 0.1 0.3
t 0 0.000001 0.000003
t -1 1
t -3
t 2 1
t -- -2 -1
t -s '' 3
t -s ': ' -f 'n%.2fm' 1 0.25 2
t -f '%%%e%%' 1 2
t -f '%5.1f' 9 .5 10
t -f '%-6gX' 1 3
t -f '%G' 1e10 1e10 2e10
t 99999999999999999999 100000000000000000001
t 1.5 -0.5 0
t .5 2
t 5.
t -f '%d' 1
t -f 'abc' 1
t -f '%g%g' 1
t -f '%' 1
t -f '%g' -w 1
t 1 0 5
t x
t 1 x
t nan
t 1 2 3 4
t
t 0x10 0x12
