# env: a changed environment for a command, or printed; -i, -, -u, -0,
# -C, -S and their errors; exit statuses 125, 126 and 127.
env -i B=2 A=1 env; echo "rc=$?"
env -i B=2 A=1 B=3 env
env -i A=1 B=2 -0 | tr '\0' '|'; echo
export X=5 Y=6
env | grep '^[XY]=' | sort
env -u X | grep '^[XY]='
env -u X -u Y Z=1 | grep '^[XYZ]='
env - Q=1 env
env -i A=1 -u A env; echo "rc=$?"
env -i =x env; echo "rc=$?"
env -u A=1 true; echo "rc=$?"
env -u '' true; echo "rc=$?"
env -u; echo "rc=$?"
env -x; echo "rc=$?"
env --nosuch; echo "rc=$?"
env -0 true; echo "rc=$?"
env -C /; echo "rc=$?"
env -i nosuch; echo "rc=$?"
env -i 'echo x'; echo "rc=$?"
env '-i A=1'; echo "rc=$?"
mkdir /d; env /d; echo "rc=$?"
: > /f; chmod 644 /f; env /f; echo "rc=$?"
env -i false; echo "rc=$?"
env -i true; echo "rc=$?"
env -i sh -c 'exit 3'; echo "rc=$?"
env -C /nonexist true; echo "rc=$?"
env -C /d pwd
env -i Z=1 sh -c 'echo "[$Z]"'
env PATH=/nowhere ls /; echo "rc=$?"
echo piped | env cat
env -v -i A=1 -C / true
env -S 'A=1 B="x y" C='\''q\_z'\'' env' -i
env -vS 'X="a b"\_c #comment' -i env
env -iS '${Y}x env'
env -S 'a\'; echo "rc=$?"
env -S '"a'; echo "rc=$?"
env -S '\x'; echo "rc=$?"
env -S '$x'; echo "rc=$?"
env -S '"\c"'; echo "rc=$?"
env -iS 'A=1 \c B=2' env
env -i A=1 env -u A env; echo "rc=$?"
