# A writer that finds no reader gets SIGPIPE before its write fails: a
# program in a pipeline dies of it silently (no "Broken pipe" message),
# with status 141 (pipefail shows it); a shell whose own writes go to a
# pipe nobody reads dies of it too, in the middle of its loop; a
# subshell goes on after its program died, but dies itself (a loop, a
# group: the forked part of a pipeline) when its own builtins write there.
cat /dev/zero | head -c1 | od -c
yes | head -1
set -o pipefail
cat /dev/zero | head -c1 >/dev/null; echo "pipefail: $?"
sh -c 'echo a; echo b >&2; while :; do echo y; done; echo never' | head -1; echo "a shell's own writes: $?"
(yes; echo "after yes: $?" >&2) | head -1; echo "the subshell goes on: $?"
bash -c 'cat /dev/zero; echo "cat: $?" >&2' | head -c 3 | wc -c
(while :; do echo y; done; echo never) | head -1; echo "a subshell's loop of builtins: $?"
while :; do echo y; done | head -1; echo "a loop of builtins: $?"
{ echo a; sleep 0.2; echo b; echo never >&2; } | true; echo "a group: $?"
( echo y | true; echo "a pipeline inside a subshell leaves it alone" )
set +o pipefail
