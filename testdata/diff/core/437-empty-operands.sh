# An empty operand to the file tools: each reports it as its own
# call fails (ENOENT mostly), wc says "invalid zero-length file name",
# and cp/mv with only '' miss the destination "after ''".
cd /tmp; for c in "ls" "ls -l" "stat" "stat -f" "cat" "touch" "mkdir" "mkdir -p" "rmdir" "rm" "rm -f" "rm -r" "chmod 644" "chown 0" "readlink" "readlink -f" "realpath" "du" "df" "find" "wc" "head" "tail" "od" "sort" "cut -c1" "truncate -s0" "mkfifo" "mknod" "mountpoint" "sum" "md5sum" "ln -s x" "cp" "mv" "ln" "install"; do
	$c '' 2>&1; echo "$c rc=$?"
done
cp '' x; echo rc=$?; mv '' x; echo rc=$?; ln '' x; echo rc=$?; cp x ''; echo rc=$?; ln -s x ''; echo rc=$?; touch y; mv y ''; echo rc=$?; install y ''; echo rc=$?
echo hi > f; wc '' f; echo rc=$?; wc -l ''; echo rc=$?; wc -c '' ''; echo rc=$?; cp '' '' x 2>&1; echo rc=$?; mv ''; echo rc=$?
