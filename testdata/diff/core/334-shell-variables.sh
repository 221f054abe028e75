# Variables of the shells themselves: $- in each dialect (bash adds h,
# B and c for -c; dash lists its letters in its own order), bash's
# version, SHLVL one up in each bash (dash leaves it), SECONDS,
# EPOCHSECONDS and BASHPID (a subshell's own pid), which dash lacks.
# (bash gives SHLVL back before it execs a -c command's last program:
# the scenario keeps it from that; 356 checks it.)
mkdir -p /tmp/t
cd /tmp/t
cat > flags <<'EOS'
echo "[$-]"
set -e; echo "[$-]"; set +e
set -u; echo "[${-}]"; set +u
set -a -f; echo "[$-]"; set +a +f
EOS
for s in sh bash; do
	echo "== $s"
	$s flags
	$s -eu flags
	$s -c 'echo "[$-]"'
	$s -xc 'echo "[$-]"' 2>/dev/null
done
echo "$BASH_VERSION ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]} ${#BASH_VERSINFO[@]}"
sh -c 'echo "dash [$BASH_VERSION]"'
echo "SHLVL $SHLVL"
bash -c 'echo "bash SHLVL $SHLVL"; sh -c "echo dash SHLVL \$SHLVL"; true'
env | grep -c '^SHLVL='
case $SECONDS in [0-9]*) echo seconds; esac
[ "$EPOCHSECONDS" -gt 1700000000 ] && echo epoch
sh -c 'echo "[$SECONDS][$EPOCHSECONDS]"'
[ "$BASHPID" = "$$" ] && echo bashpid
( [ "$BASHPID" != "$$" ] && [ -d "/proc/$BASHPID" ] && echo "subshell's own" )
sh -c 'echo "dash [$BASHPID]"'
