# sync(1): its option checks, and fsync/fdatasync/syncfs on files of every
# kind: tmpfs files and directories sync, pipes, /dev/null and procfs do
# not (EINVAL), a missing file cannot be opened, -f takes any filesystem.
mkdir /t; mount -t tmpfs t /t; cd /t
echo a > f; mkdir d; mkfifo p
sync; echo "all $?"
sync -d; echo "d-none $?"
sync -d -f f; echo "both $?"
sync -x; echo "bad $?"
sync f d /dev; echo "files $?"
sync -d f; echo "data $?"
sync -f f /proc /dev/null; echo "fs $?"
sync p; echo "fifo $?"
sync /dev/null; echo "null $?"
sync /proc/self/status /proc; echo "proc $?"
sync missing f; echo "missing $?"
sync --data /proc/self; echo "procdir $?"
