# pgrep, pkill and pidof in a new PID namespace with two sleeps: names
# and -f command lines, -l -a -c -d -x -n -o -P -u -v, no criteria, a bad
# user and a bad expression; pidof's newest-first order, -s, unknown
# names; pkill ends what it signals. The loop waits until both
# background shells have become sleep.
mkdir -p /tmp/t
cat > /tmp/t/s <<'EOS'
sleep 100 & sleep 101 &
while [ "$(pgrep -c -x sleep)" != 2 ]; do :; done
pgrep sleep; echo "rc $?"
pgrep -l sleep
pgrep -a slee
pgrep -f 'sleep 101'
pgrep -c sleep
pgrep -d, sleep
pgrep -x slee; echo "rc $?"
pgrep -n sleep; pgrep -o sleep
pgrep -P 1 -l
pgrep -u root -l sleep
pgrep -v -l -x sleep
pgrep -i -l SLEEP
pgrep nothing; echo "rc $?"
pgrep; echo "rc $?"
pgrep a b; echo "rc $?"
pgrep -u nosuchuser sleep; echo "rc $?"
pgrep '('; echo "rc $?"
pgrep -l '^s'
pidof sleep; echo "rc $?"
pidof sh sleep
pidof nothing; echo "rc $?"
pidof -s sleep
pidof; echo "rc $?"
pkill -f 'sleep 101'; echo "rc $?"
wait $! 2>/dev/null # dash may or may not name the signal (a race)
pgrep -a sleep; echo "rc $?"
pkill -SIGTERM sleep; echo "rc $?"
wait
pgrep sleep; echo "rc $?"
pkill sleep; echo "rc $?"
EOS
unshare -pf --mount-proc sh /tmp/t/s 2>&1
