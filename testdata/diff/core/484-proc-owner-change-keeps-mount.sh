# A mount on a /proc/PID file outlives a change of the process's owner:
# the next lookup gives the entry the new owner in place (pid_revalidate
# keeps the dentry), so the path still leads to the mounted file and
# umount finds it there.
mkfifo /tmp/ff; echo hello > /tmp/f
sh -c 'read x < /tmp/ff; exec setpriv --reuid=65534 --regid=65534 --clear-groups sleep 30' &
pid=$!
mount --bind /tmp/f /proc/$pid/environ; stat -c '%u %s' /proc/$pid/environ; grep -c environ /proc/self/mountinfo
echo go > /tmp/ff; n=0; until grep -q sleep /proc/$pid/comm || [ $n = 100 ]; do sleep 0.1; n=$((n+1)); done
stat -c '%u %s' /proc/$pid/environ /proc/$pid/status; cat /proc/$pid/environ; grep -c environ /proc/self/mountinfo
umount /proc/$pid/environ; echo rc=$?; stat -c %u /proc/$pid/environ; kill $pid; wait
