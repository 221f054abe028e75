# set -x in a program the shell rewrites for readonly variables and
# arithmetic errors: the for loop, the assignment and let show as
# written, without the shell's markers.
readonly r=1
set -x
for i in a b; do :; done
x=$((1+2))
let 'y=2' z=3
echo "$x $y $z"
set +x
