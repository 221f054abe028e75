# realpath's --relative-to and --relative-base (a base that does not hold
# the --relative-to directory makes every name absolute), -s, -L, -P, -z,
# and readlink's canonicalizing modes.
mkdir -p /a/b/c /x/y; ln -s /a/b /l; ln -s ../x /a/rel; touch /a/b/f
realpath --relative-to=/x /a/b/c
realpath --relative-to=/a /a/b/c /a /x/y /
realpath --relative-base=/a /a/b/c /x/y /a
realpath --relative-to=/a/b --relative-base=/a /a/b/c /x /a
realpath --relative-to=/l/c /a/b/f
realpath -s /l/c; realpath -L /l/../x; realpath -P /l/../x
realpath -q /nonexist/x; echo $?
realpath -e /l/f; echo $?
realpath -z /a /x | od -c | head -2
realpath --relative-to=/nonexist/q /a; echo $?
realpath -m --relative-to=/nonexist/q /a; echo $?
realpath; echo $?
readlink -m /a/../nonexist/./x; readlink -n /l; echo; readlink -z /l | od -c | head -1
readlink -f /a/rel/y; readlink -e /a/rel/z; echo $?
readlink -s /l 2>&1; readlink -q -f /nonexist/a/b; echo $?
readlink /a /l; echo $?
cd /a/b; realpath --relative-to=. /a/b/c ../../x; realpath -s ../../l/./c
mkdir -p /tmp/rp/a/b /tmp/rp/x/y; cd /tmp/rp
realpath --relative-to=x --relative-base=a a/b x/y a x
realpath --relative-to=a/b --relative-base=a/b/../.. a/b x/y; realpath -e --relative-to=a/b/../b/ x
realpath -e --relative-to=/tmp/rp/a/b/nope x; echo $?
realpath -e --relative-to=/dev/null x; echo $?; realpath --relative-to=/dev/null x
realpath --relative-to=/ /; realpath --relative-to=/tmp/rp/a/b /tmp/rp/a/bc; realpath -s --relative-to=/tmp /tmp/../etc; realpath -Ls /tmp/rp/x/../a
realpath -s /nonexist/a; echo $?; realpath -sm /nonexist/a; realpath -se /tmp/rp/q; echo $?
