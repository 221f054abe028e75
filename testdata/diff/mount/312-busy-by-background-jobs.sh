# "target is busy" from background jobs: a job's redirection, working
# directory or program holds the mount as soon as the job is started
# (a forked child opens its redirections long before its parent runs
# the next program), and the mount comes free once the job is killed
# and collected. A builtin-only job does not hold the parent back:
# `exit 4 & wait -n` still finds the job running.
mkdir /m
mount -t tmpfs m /m
mkdir /m/sub
touch /m/f
sleep 1000 < /m/f & p=$!
umount /m; echo "redirection rc=$?"
kill $p; wait $p; echo "killed $?"
(cd /m/sub && sleep 1000) & p=$!
umount /m; echo "cwd rc=$?"
kill $p; wait $p; echo "killed $?"
sleep 1000 < /m/sub/../f 2>/dev/null &
umount /m; echo "rc=$?"
kill %%; wait
umount /m; echo "free rc=$?"
mountpoint -q /m; echo "mountpoint $?"
exit 4 & wait -n; echo "wait -n $?"
