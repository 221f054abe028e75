# A shell forks, the child opens the command's redirections and only
# then execs: a redirection that fails hides that the command does not
# exist (dash's status 2, bash's 1), one that works creates its file and
# takes the "not found" message when it is standard error.
rm -f /tmp/rb-*
for sh in sh bash; do
	$sh -c 'nosuch >/nonexist/x; echo "path lookup $?"'
	$sh -c '/nosuch >/nonexist/x; echo "by path $?"'
	$sh -c 'nosuch > /tmp/rb-out-'$sh'; echo "created $?"'; ls /tmp/rb-out-$sh
	$sh -c 'nosuch 2> /tmp/rb-err-'$sh'; echo "to the file $?"'; cat /tmp/rb-err-$sh
	$sh -c '/nosuch 2>/tmp/rb-e2-'$sh' >/nonexist/x; echo "both $?"'; cat /tmp/rb-e2-$sh
done 2>&1
