# set -o and set +o with no name list the options as each shell does:
# dash under "Current option settings" in its own order (stdin on for a
# script read from standard input), bash every option it has, sorted, or
# as the set commands that restore them; noclobber, pipefail and the
# letter options show their state, also from a subshell and under set -x.
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'set -o; set +o; set -Cuaef -o pipefail; set -o; set +o; set -x; set -o >/dev/null; echo $?' 2>&1
	echo 'set -o' | $sh | grep stdin
done
sh -c 'set -C; (set -o | grep clobber); set +C; set -o | grep clobber'
bash -c 'set -o pipefail -C; (set +o | grep -e clobber -e pipefail); set -o | grep -c on'
