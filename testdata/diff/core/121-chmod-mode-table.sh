# chmod's mode language on files and directories of several starting
# modes: who/op/perm clauses, copies (g=u), X, set-ID and sticky bits,
# octal forms (short ones keep a directory's set-ID bits), empty and
# broken modes; mkdir -m and mknod -m with the same parser.
umask 022
mkdir /t
cd /t
for m in u+s g=u o-w +X = - a+rwx 0755 755 +t u=rwx,go= g+s =755 +755 u+x-w go=u a=X o=g \
	u-s,g+s 4755 02755 00755 +rw -x =r ug+rwX,o-rwx u=,g=,o= +s a+t g-x+X x u+z , u+x, 8 17777 u=755 g=uw; do
	# a file and a directory for each starting mode (few processes: the
	# kernel side forks each one)
	rm -rf f? d?
	touch f0 f1 f2 f3 f4 f5; mkdir d0 d1 d2 d3 d4 d5
	i=0
	for start in 0644 0755 2750 4711 0000 1777; do chmod $start f$i d$i; i=$((i+1)); done
	chmod -- "$m" f? 2>/dev/null; r1=$?
	chmod -- "$m" d? 2>/dev/null; r2=$?
	set -- $(stat -c %a f0 d0 f1 d1 f2 d2 f3 d3 f4 d4 f5 d5)
	line="$m:"
	for start in 0644 0755 2750 4711 0000 1777; do
		line="$line $start=$r1$r2,$1,$2"
		shift 2
	done
	echo "$line"
done
rm -rf f? d?
touch f
chmod '' f; echo "empty: $?"
chmod -v u+s,g=u f
for m in 700 u=rwx,g=rx 2755 a=rwx,o-w g+s; do
	mkdir -m "$m" "m$m" && stat -c "mkdir $m %a" "m$m"
done
mkdir -m u+z bad; echo "mkdir bad: $?"
mknod -m 640 p1 p && stat -c "mknod %a" p1
mknod -m g=u p2 p && stat -c "mknod %a" p2
