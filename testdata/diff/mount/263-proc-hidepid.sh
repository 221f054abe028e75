# proc's hidepid= as a user who may not trace pid 1 sees it: with
# invisible, /proc/1 is not there (stat, listing, paths through it:
# ENOENT) while the user's own processes are; with noaccess it is there
# but cannot be entered or read (EPERM); gid= exempts that group; off
# leaves only the usual file modes (fd is the owner's).
mkdir -p /mnt/p
mount -t proc -o hidepid=invisible proc /mnt/p
u() { setpriv --reuid=1000 --regid=1000 --clear-groups "$@"; }
u ls -d /mnt/p/1; echo "invisible dir $?"
u cat /mnt/p/1/comm; echo "invisible comm $?"
u sh -c 'cat /mnt/p/$$/comm'; echo "own $?"
u sh -c 'ls /mnt/p | grep -c "^$$\$"'
mount -o remount,hidepid=noaccess /mnt/p
u ls -d /mnt/p/1; echo "noaccess dir $?"
u ls /mnt/p/1; echo "noaccess ls $?"
u cat /mnt/p/1/comm; echo "noaccess comm $?"
mount -o remount,hidepid=noaccess,gid=1000 /mnt/p
u cat /mnt/p/1/comm >/dev/null; echo "gid exempt $?"
mount -o remount,hidepid=off /mnt/p
u cat /mnt/p/1/comm >/dev/null; echo "off $?"
u ls /mnt/p/1/fd; echo "fd of root's $?"
