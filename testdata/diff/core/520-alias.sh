# alias and unalias as each shell prints them: dash lists NAME='VALUE' in
# its table's order with '"'"' for a quote, bash "alias NAME='VALUE'"
# sorted with '\''; a name without an alias is an error (status 1, dash
# without its line prefix), unalias -a, bad options; dash expands aliases
# in a script from the next line on, and type and command -v name them.
# A subshell's aliases are its own.
cat > /tmp/a.sh <<'EOS'
alias zz=1 x=2 be=3; alias; echo; alias be=4; alias; echo; unalias x; alias x=5; alias
alias a=1; alias a; alias q; echo rc=$?; alias a b=2 q; echo rc=$?; unalias q a; echo rc=$?
unalias -a; alias; echo rc=$?; alias "it=it's"; alias; alias -p; echo rc=$?; unalias -a
unalias; echo rc=$?; unalias -x; echo rc=$?; alias -x; echo rc=$?
alias e=echo
e hello
(alias sub=1); alias sub; echo rc=$?
EOS
sh /tmp/a.sh 2>&1
sh -c 'alias ll="ls -l"
type ll; command -v ll; command -V ll'
(echo 'shopt -s expand_aliases'; cat /tmp/a.sh) > /tmp/b.sh
bash /tmp/b.sh 2>&1
# Started with no PATH, both shells search their own default path and
# keep it unexported; PWD is exported from the start (bash's OLDPWD too,
# unset until a cd).
cd /tmp
env -i A=1 sh -c 'env; echo "P=$PATH"; export -p; cd /; export -p; ls -d /tmp'
env -i A=1 bash -c 'echo "P=$PATH"; declare -p PATH; export -p; cd /; export -p; ls -d /tmp'
# bash gives a program its own name as _ in its environment: the path
# PATH found, or the word as written; dash passes on what it was given.
env -i PATH=/usr/bin:/bin bash -c 'env | sort; sh -c env | sort; /usr/bin/printenv _; cd /usr; bin/printenv _'
env -i PATH=/usr/bin:/bin sh -c 'env | sort'
