# dash has none of bash's own builtins: declare, typeset, shopt, builtin,
# pushd and the others are commands not found there (status 127), while
# bash runs them. (source is not compared: linuxvfs's sh keeps it, as
# busybox's ash, which it also stands for, has it.)
for c in 'declare D=3' 'typeset -x T' 'shopt -q extglob' 'builtin echo x' 'pushd /tmp' 'popd' 'dirs' 'disown' 'caller' 'mapfile -t a </dev/null' 'enable -n echo' 'help' 'compgen -A builtin cd'; do
	sh -c "$c; echo \"sh $c: \$?\"" 2>&1
done
bash -c 'declare D=3; echo "bash declare $D"; source /dev/null; echo "bash source $?"; builtin echo x; typeset -x T=1; echo "$T"'
