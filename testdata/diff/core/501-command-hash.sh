# Both shells remember where along PATH they found a program (hash):
# bash's table with hit counts in its own bucket order, -l -t -d -p -r and
# their errors, "is hashed" in type; dash's list of files, "tracked alias",
# and type and command -v remembering what they find. Command
# substitutions (and bash's pipeline parts, subshells, background jobs)
# keep what they look up to themselves. A remembered file that is gone:
# bash runs it anyway (No such file or directory, 127), dash looks again.
hash; echo "rc=$?"
ls >/dev/null; cat </dev/null; env >/dev/null; date >/dev/null; id >/dev/null; uname >/dev/null; sort </dev/null; ls >/dev/null
hash; hash -l; hash -t ls cat; hash -t nope; echo "rc=$?"; hash nope; echo "rc=$?"
hash -d ls; hash -d ls; echo "rc=$?"; hash -p /x/y zz; hash; type zz
hash -r; hash; type -t ls; command -v ls; hash
ls | cat >/dev/null; hash; (date >/dev/null); hash; x=$(id); hash; ls >/dev/null & wait; hash; env true; hash
hash -x; echo "rc=$?"; hash -t; echo "rc=$?"; hash -p; echo "rc=$?"; type ls; command -V ls
mkdir -p /tmp/h; cp /bin/true /tmp/h/mytrue; PATH=/tmp/h:$PATH
mytrue; echo "rc=$?"; rm /tmp/h/mytrue; mytrue; echo "rc=$?"; hash
cp /bin/true /tmp/h/mytrue
sh -c 'hash; hash -r ls; hash; hash /bin/ls; hash cat ls nope date; echo "rc=$?"; hash
type cat nope ls; echo "rc=$?"; hash -r; type ls; command -V ls
hash -r; ls | cat >/dev/null; hash; (date >/dev/null); hash; x=$(id); hash; ls >/dev/null & wait; hash
echo; env true | wc -l >/dev/null; hash
hash -x; echo "rc=$?"; hash -v ls; echo "rc=$?"; f() { :; }; hash f cd; echo "rc=$?"
mytrue; echo "rc=$?"; rm /tmp/h/mytrue; mytrue; echo "rc=$?"; hash' 2>&1
# bash's hash: -p without a name lists, -l with names looks them up, a
# missing operand is reported before -r empties anything, -p refuses a
# directory, names with a slash are not kept.
ls >/dev/null; hash -p /bin/ls; echo "rc=$?"; hash -l ls; echo "rc=$?"; hash; hash -r -d; echo "rc=$?"; hash
hash -p /tmp y; echo "rc=$?"; hash -p /bin/ls a/b; echo "rc=$?"; hash -d a/b; echo "rc=$?"; hash -t a/b; echo "rc=$?"
hash -lt ls; hash -p /nonexist q; echo "rc=$?"; hash -t q; hash -r; echo "rc=$?"; hash
