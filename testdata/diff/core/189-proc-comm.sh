# /proc/<pid>/comm: the command name and a newline, mode 0644. A task
# renames itself by writing there: each write names it afresh with its
# first 15 bytes, a newline included (status shows it escaped as \n); an
# empty write changes nothing; another task, root or not, gets EINVAL.
cat /proc/self/comm
stat -c '%A %s' /proc/self/comm
ls /proc/self | grep -x comm
bash -c '
echo foo > /proc/$$/comm; od -c < /proc/$$/comm
grep Name /proc/$$/status
printf abcdefghijklmnopqrstu > /proc/$$/comm; cat /proc/$$/comm
printf "" > /proc/$$/comm; echo "empty write: $?"; cat /proc/$$/comm
printf "a b\\\\c" > /proc/$$/comm; cat /proc/$$/comm; grep Name /proc/$$/status
sleep 100 & p=$!
for i in $(seq 100); do grep -q "^sleep$" /proc/$p/comm && break; sleep 0.1; done
(echo bar > /proc/$p/comm) 2>/dev/null; echo "another task: $?"
cat /proc/$p/comm /proc/$p/task/$p/comm
kill $p
'
