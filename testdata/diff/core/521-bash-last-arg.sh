# bash's $_: the last argument of the previous simple command, after
# expansion (mkdir -p DIR && cd $_); a pipeline's commands and a
# subshell's leave it alone; a program gets its own path as _. dash has
# no $_.
bash -c 'echo a b >/dev/null; echo "[$_]"; mkdir -p /tmp/lu/v && cd $_ && pwd
ls /tmp >/dev/null | cat; echo "[$_]"; (echo z >/dev/null); echo "[$_]"; true "a b" c; echo "[$_]"
printenv _'
sh -c 'echo a >/dev/null; echo "[$_]"'
