# getopt (util-linux 2.38): -o and -l with required and optional
# arguments, -n, -q, -Q, -T, -s sh/tcsh quoting, -u, -a, '+' and '-'
# optstrings, the old form (unquoted) and getopt's own usage errors.
{
getopt -o ab:c:: -l alpha,beta:,gamma:: -n prog -- -a -b x --beta=y -cz --gam foo "it's" -- -q; echo "rc=$?"; getopt -o ab: -- -x -b; echo "rc=$?"; getopt -o ab: -q -- -x; echo "rc=$?"; getopt -T; echo "rc=$?"; getopt -o a -s tcsh -- -a "x y!" 'a\b'; echo; getopt -o a -Q -- -x; echo "rc=$?"; getopt; echo "rc=$?"; getopt "-ab" x; echo "rc=$?"; getopt ab: -a -b 1 c; echo rc=$?; getopt -a -o a -l long -- -long -a; echo rc=$?; getopt -o +a -- -a b -a;  getopt -o -a -- -a b -a; getopt -l al,alp: -- --al; echo rc=$?; getopt -o '' -- --foo=bar; echo rc=$?
getopt -o a -s tcsh -- 'a\b' "$(printf 'n\nl')" "t	b" "q'"; echo; getopt -o a -s sh -- 'a\b' "$(printf 'n\nl')" "t	b" "q'" ''; echo; getopt -o a -s bash -- x; getopt -o a -s csh -- x; getopt -o a -s zsh -- x; echo rc=$?
getopt -o xy -l xray,yank:,ya -- --y 2>&1; getopt -o xy -l xray,yank:,yan: -- --ya 1 --xray=3 --yank 2>&1; echo rc=$?; getopt -o c:: -- -c -cfoo x 2>&1; getopt -a -o ab -l foo,bar: -- -foo -bar=1 -ab -fz -zz 2>&1; echo rc=$?
getopt -o a -- -a -- -- x; getopt -u -o ab: -- -b 'x y' z; getopt -n -- -o a -- -x; echo rc=$?; getopt --name=foo -o a -- -xb 2>&1; getopt -V; getopt -o a -s 2>&1; echo rc=$?
} 2>&1
