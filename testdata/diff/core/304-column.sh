# column: -t at blanks and at -s characters (empty fields kept), -o,
# -N with headers (fewer or more than the fields), -d, -R, -H, -O, -l,
# -L, -J (with -n); the list modes down columns and along rows (-x) at
# -c widths, with tabs; a missing file and an unknown column name.
mkdir -p /tmp/co && cd /tmp/co || exit
printf 'a b c\nlong  x yy\n\nq\n' > c1
{
column -t c1 | tr '\t' '>' | sed 's/$/|/'
printf 'a:b:c\nxx::z\n' | column -t -s: | tr '\t' '>' | sed 's/$/|/'
column -t -o '|' c1
column -t -s ' ' c1 | tr '\t' '>' | sed 's/$/|/'
column -t -N A,B,C c1 | tr '\t' '>' | sed 's/$/|/'
column -t -N A,B,C -R B,3 c1 | tr '\t' '>' | sed 's/$/|/'
column -t -N A,B,C -d c1
echo 'a b c d' | column -t -N X,Y | tr '\t' '>' | sed 's/$/|/'
echo 'a b' | column -t -N X,Y,Z | tr '\t' '>' | sed 's/$/|/'
printf 'aa b\nc d\n' | column -t -R 1
printf ' a  b \n' | column -t | tr '\t' '>' | sed 's/$/|/'
column -t -L c1 | tr '\t' '>' | sed 's/$/|/'
column -t -l 2 c1 | tr '\t' '>' | sed 's/$/|/'
column -t -H 2 -N A,B,C c1 | tr '\t' '>' | sed 's/$/|/'
column -t -O 3,1 c1 | tr '\t' '>' | sed 's/$/|/'
column -t -R 5 c1; echo "rc $?"
column -t -N A -R Z c1; echo "rc $?"
seq 1 30 | column -c 40 | tr '\t' '>' | sed 's/$/|/'
seq 1 30 | column -x -c 40 | tr '\t' '>' | sed 's/$/|/'
seq 1 30 | column | tr '\t' '>' | sed 's/$/|/'
seq 1 5 | COLUMNS=20 column | tr '\t' '>' | sed 's/$/|/'
printf 'abcdefgh\nb\nc\n' | column -c 20 | tr '\t' '>' | sed 's/$/|/'
column -x c1 | tr '\t' '>' | sed 's/$/|/'
printf 'x\n\ny\n' | column -L | tr '\t' '>' | sed 's/$/|/'
printf '' | column -t; echo "rc $?"
column nosuch c1; echo "rc $?"
column -q; echo "rc $?"
} 2>&1
