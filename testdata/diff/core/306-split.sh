# split: the default 1000 lines, -l -b -C with -a -d -x, their FROM
# values and --additional-suffix, a prefix, standard input, the growing
# suffixes (xyz then xzaaa), -n N, K/N, l/N, l/K/N, r/N with -e, -t,
# --verbose, and the errors: zero counts, two ways, exhausted suffixes,
# a missing file, -n on a pipe, an extra operand.
mkdir -p /tmp/sp && cd /tmp/sp || exit
seq 1 2500 > in; seq 5 > f5; echo abc > s
{
split in && wc -l x*; rm -f x*
split -l 1000 -d in p_ && ls p_*; rm -f p_*
split -b 1000 -a 3 --additional-suffix=.txt in q && ls q* | head -3; ls q* | wc -l; rm -f q*
split -b 1K in && wc -c x*; rm -f x*
split -n 3 in && wc -c x*; rm x*
split -n l/3 in && wc -l x*; rm x*
split -n 2/3 in | wc -c; split -n l/2/3 in | head -1
split -n r/2 f5 && head x*; rm x*
split -C 100 in && ls x* | wc -l && head -c 30 xab; rm x*
split -C 3 f5 && head x*; rm x*
split -x -l 1000 in && ls x*; rm -f x*
split --numeric-suffixes=5 -l 1000 in && ls x*; rm x*
split --hex-suffixes=9 -l 1000 in && ls x*; rm x*
seq 3 | split -l 1 - pre && ls pre*; rm pre*
seq 700 | split -l 1 && ls x* | sed -n '649,652p'; rm -f x*
split -n 5 s && wc -c x*; rm x*; split -e -n 5 s && ls x*; rm x*
split -n 7 f5 && wc -c x* | tr '\n' ' '; echo; rm x*
printf 'a,b,c,d,e' | split -t , -l 2 && head x*; echo; rm x*
split --verbose -l 2 f5; rm x*
split -l 0 in; echo "rc $?"
split -a 1 -l 1 in; echo "rc $?"; ls x* | wc -l; rm -f x*
split -n 0 f5; echo "rc $?"
split -n 3/2 f5; echo "rc $?"
seq 5 | split -n 2; echo "rc $?"
split nosuch; echo "rc $?"
split -b x in; echo "rc $?"
split -l 1 -b 2 in; echo "rc $?"
split in a b c; echo "rc $?"
split -a x in; echo "rc $?"
seq 10 > f; split -l 1k f; echo "rc $?"; split -b 0 f; echo "rc $?"; split -b 3x f; echo "rc $?"
split -C 0 f; echo "rc $?"; split -n l/0 f; echo "rc $?"; split -n x/3 f; echo "rc $?"
split -a 1 -n 30 f; echo "rc $?"; split -d -a 1 -n 11 f; echo "rc $?"
split --additional-suffix=a/b f; echo "rc $?"; split -t ab f; echo "rc $?"; split -l 3 -n 2 f; echo "rc $?"
split -e f; echo "rc $?"; ls x*; rm -f x*
# a chosen start fixes the suffix length (no widening past 99)
seq 20 > g; split -l 1 --numeric-suffixes=85 g; echo "rc $?"; ls x* | tr '\n' ' '; echo; rm -f x* g
ls
} 2>&1
