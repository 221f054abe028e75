# Process groups and sessions in a new PID namespace: the first process
# keeps the group and session of its parent outside (0 here), children
# inherit them; setsid makes a program the leader of both (ps, /proc's
# stat and status agree), forks when the caller leads a group already
# (-f always; -w waits for it); jobs stay in their shell's group; kill of
# an unknown group is ESRCH (dash's message ends with a blank line).
unshare -pf --mount-proc sh -c '
cut -d" " -f1,5,6 /proc/self/stat
grep -E "^NS(pgid|sid)" /proc/self/status
setsid cut -d" " -f1,5,6 /proc/self/stat
setsid -w sh -c "grep -E \"^NS(pgid|sid)\" /proc/self/status; setsid -w cut -d\" \" -f1,5,6 /proc/self/stat"
setsid -w sh -c "exit 5"; echo "wait=$?"
setsid -c true </dev/null; echo "ctty=$?"
setsid sh -c "sleep 100 & sleep 100 & wait" &
sleep 0.3
ps -o ppid,pgid,sid,comm | grep -e sleep -e COMMAND
kill -- -99999; echo "none=$?"
'
bash -c 'kill -- -99999; echo "bash none=$?"'
