# An IPC namespace isolates System V objects: what one namespace makes,
# another (unshare -i) does not see, in ipcs or /proc/sysvipc, and its
# ids start again at 0; the parent's objects stay as they were. A
# namespace no task is in lives on, objects and all, while a bind of its
# ns file holds it (unshare --ipc=FILE, then nsenter --ipc=FILE).
unshare -i sh -c '
ipcmk -M 4096 >/dev/null; ipcmk -Q >/dev/null
ipcs -m -q | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
unshare -i sh -c "ipcs -m -q; wc -l < /proc/sysvipc/shm; ipcmk -S 2; ipcmk -M 1"
ipcs -s
ipcs -m | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
'
mkdir -p /tmp/ipcns && mount -t tmpfs t /tmp/ipcns && touch /tmp/ipcns/ipc
unshare --ipc=/tmp/ipcns/ipc ipcmk -M 10
nsenter --ipc=/tmp/ipcns/ipc sh -c 'ipcmk -Q; ipcs -m -q' | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
umount /tmp/ipcns/ipc; echo "unbound: $?"
umount /tmp/ipcns
