# proc's hidepid= as a user who may not trace a root process sees it:
# with invisible, the process is not there (stat, listing, paths
# through it: ENOENT) while the user's own processes are; with noaccess
# its directory is there but cannot be entered or read (EPERM); gid=
# exempts that group; with ptraceable, once root has looked the process
# up, stat says ENOENT and paths through it EPERM; off leaves only the
# usual file modes. (The process's number, which differs, is hidden.)
mkdir -p /mnt/p
mount -t proc -o hidepid=invisible proc /mnt/p
sleep 30 & r=$!
u() { setpriv --reuid=1000 --regid=1000 --clear-groups "$@" 2>&1 | sed "s/$r/PID/"; return ${PIPESTATUS[0]}; }
u ls -d /mnt/p/$r >/dev/null; echo "invisible dir $?"
u cat /mnt/p/$r/comm; echo "invisible comm $?"
u ls /mnt/p | grep -cx PID
u sh -c 'cat /mnt/p/$$/comm'; echo "own $?"
mount -o remount,hidepid=noaccess /mnt/p
u ls -d /mnt/p/$r >/dev/null; echo "noaccess dir $?"
u ls /mnt/p/$r; echo "noaccess ls $?"
u cat /mnt/p/$r/comm; echo "noaccess comm $?"
u ls /mnt/p | grep -cx PID
mount -o remount,hidepid=noaccess,gid=1000 /mnt/p
u cat /mnt/p/$r/comm; echo "gid exempt $?"
mount -o remount,hidepid=ptraceable /mnt/p
cat /mnt/p/$r/comm; echo "root, ptraceable $?"
u cat /mnt/p/$r/comm; echo "user, ptraceable $?"
u ls -d /mnt/p/$r >/dev/null; echo "user, ptraceable dir $?"
mount -o remount,hidepid=off /mnt/p
u cat /mnt/p/$r/comm; echo "off $?"
u ls /mnt/p/$r/fd; echo "fd of root's $?"
kill $r; wait $r 2>/dev/null; true
