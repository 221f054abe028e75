# set -x traces a builtin's words as the shell has them: dash writes them
# as they are (an empty word shows as nothing between two spaces), bash
# quotes those that need it; the words the shell's own rewriting adds
# (shift's count of arguments) never show, nor do its own commands.
cat > /tmp/xt.sh <<'EOS'
set -x
echo a b
cd /tmp
set -- x y
shift 1
printf '%s\n' q r
test -d /tmp && echo yes
true "" 'a b' "c'd"
mkdir -p /tmp/xt.d
[ -d /tmp/xt.d ] || echo no
f() { echo "in f $1"; }
f 'one two'
exit 3
EOS
for sh in sh bash; do $sh /tmp/xt.sh 2>&1; echo "$sh: $?"; done
# assignments: dash shows a value as it is, bash quotes it; both show an
# empty one as nothing; those before a call go on its line in dash and
# on lines of their own before it in bash
cat > /tmp/xa.sh <<'EOS'
set -x
X="a b"
Y=1
Z=
G=1 true x
H='p q' I= printf '%s\n' "$H"
f() { echo "$1"; }
J=2 f z
EOS
for sh in sh bash; do $sh /tmp/xa.sh 2>&1; done
# declarations (export, local) are traced with their words; bash adds a
# line for each value export sets
cat > /tmp/xd.sh <<'EOS'
set -x
export A=1 B
f() { local L=5 M; }
f
export P="a b" Q=$A
EOS
for sh in sh bash; do $sh /tmp/xd.sh 2>&1; done
