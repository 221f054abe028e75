# Permissions: a user who neither owns nor created an object may not
# remove it (EPERM: "permission denied for id"), may see it in ipcs and
# /proc/sysvipc whatever its mode, and may not read it with ipcs -i
# when its mode denies read (ipcs -q -i asks msgctl for qbytes); the
# limits in /proc/sys/kernel are root's to write, *_next_id closed to
# users. A user's own objects are its to remove.
unshare -i sh -c '
ipcmk -M 4096 -p 600 >/dev/null; ipcmk -Q -p 640 >/dev/null; ipcmk -S 1 -p 604 >/dev/null
u() { setpriv --reuid 4242 --regid 4242 --clear-groups "$@"; }
u ipcrm -m 0 -q 0 -s 0; echo "user rm: $?"
u ipcrm -a; echo "user rm all: $?"
u ipcs | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
u ipcs -m -i 0 | grep -v time | sed "s/cpid=[0-9]*/cpid=P/"; echo "user -i: $?"
u ipcs -q -i 0 | grep -v time
u sh -c "echo 1 > /proc/sys/kernel/shmmni"; echo "user sysctl: $?"
u sh -c "echo 1 > /proc/sys/kernel/msg_next_id"; echo "user next_id: $?"
u ipcmk -Q -p 0; echo "user mk: $?"
ipcs -q -c
u ipcrm -q 1; echo "own rm: $?"
ipcrm -a; echo "root rm all: $?"
'
