# bash execs a program in place of a process that has nothing left to
# do (the last simple command of a -c string, of a subshell, of a
# command or process substitution, a background command) and lowers
# SHLVL by one first; not where a trap is set (an ignored signal does
# not count), for a command with redirections (but in a subshell), a
# negated one, a function's or one inside if or { }. exec lowers it too,
# but in a subshell. dash leaves SHLVL alone.
t() {
	printf '%s| ' "$1"
	bash -c "$1" 2>&1 | grep -o 'SHLVL=.*' | tr '\n' ' '
	echo
}
t 'env'; t 'env; true'; t 'true; env'; t 'x=1; env'; t 'true && env'; t 'false || env'
t '(env)'; t '{ env; }'; t 'f() { env; }; f'; t 'exec env'; t 'trap "echo t" EXIT; env'
t 'echo; env'; t 'env 2>/dev/null'; t '! env'; t 'env &
wait'; t 'if true; then env; fi'; t 'bash -c env'; t 'sh -c env'; t 'sh -c "true; env"'
t 'env SHLVL=5 env'; t 'x=$(env); echo "$x"'; t 'export SHLVL=9; env'; t 'true
env'; t 'env
true'; t '(true; env); true'; t 'x=$(true; env); echo "$x"'; t 'env | cat'; t 'cat <(env)'
t 'true; (env); true'; t 'exec env; true'; t '(exec env; true)'; t '(trap "echo t" EXIT; env)'
t '(trap "echo t" INT; env)'; t '(env 2>/dev/null)'; t 'x=$(env 2>&1); echo "$x"'; t '(true && env)'
t '(true; env) | cat'; t 'f() { env; }; (f)'; t '(cd /; env)'; t '(export SHLVL=5; env)'
t '(: $(true); env)'; t '(if true; then env; fi)'; t '("env")'; t '(x=1 env)'; t 'trap "" INT; env'
t 'trap "echo x" INT; env'; t 'x=1 env'; t '"env"'; t 'set -e; env'
bash -c 'bash -c "echo \$SHLVL"'
bash -c 'bash -c "echo \$SHLVL"; true'
bash -c 'sh -c "echo \$SHLVL"'
sh -c 'env' | grep SHLVL
printf 'env\n' > /tmp/sf
bash /tmp/sf | grep SHLVL
printf '(env)\nexec env\n' > /tmp/sf
bash /tmp/sf | grep SHLVL
