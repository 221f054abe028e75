# bash's set -u: "NAME: line N: VAR: unbound variable" (and "$1" for a
# positional parameter), status 127 for bash -c, 1 for a script file, for
# standard input and for a subshell or command substitution that dies of
# it; defaults (${v-x}) are not errors. A command substitution sets $?
# for the expansions after it in the same command.
bash -c 'set -u; echo $x; echo after'; echo rc=$?
bash -c 'set -u; (echo $x); echo "sub=$?"; y=$(echo $z); echo "cs=$? y=$y"; echo $1'; echo rc=$?
bash -c 'set -u; for i in 1; do
echo $i
echo $w; done'; echo rc=$?
bash -c 'set -u; echo ${v:-d} ${v-e} ${v+f} "${v-g}"'; echo rc=$?
bash -c 'set -u; x=$y; echo no'; echo rc=$?
bash -c 'set -o nounset; a=1; echo "$a ${a} $#"; echo $2' sh one; echo rc=$?
bash -c 'set -u; echo "$@" "$*" ok; set +u; echo "[$nope]"'; echo rc=$?
bash -c 'echo "[$unset_plain]"; set -u; unset HOME; echo "$HOME"'; echo rc=$?
printf 'set -u\necho ok\necho $x\necho no\n' > /tmp/uu.sh; bash /tmp/uu.sh; echo rc=$?
printf 'set -u\necho ${q}\n' | bash; echo rc=$?
bash -u -c 'echo $nope'; echo rc=$?
x=$(exit 3) y=$?; echo $y
echo "$(exit 4)$?" "$(false)" $?
echo $(exit) $?; false; echo $(exit) $?
echo $(true) $? `exit 6` $?; echo $? $(exit 2) $?
echo "$(echo hi; exit 7)" $?
