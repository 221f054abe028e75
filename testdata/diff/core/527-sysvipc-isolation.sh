# An IPC namespace isolates System V objects: what one namespace makes,
# another (unshare -i) does not see, in ipcs or /proc/sysvipc, and its
# ids start again at 0; the parent's objects stay as they were.
unshare -i sh -c '
ipcmk -M 4096 >/dev/null; ipcmk -Q >/dev/null
ipcs -m -q | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
unshare -i sh -c "ipcs -m -q; wc -l < /proc/sysvipc/shm; ipcmk -S 2; ipcmk -M 1"
ipcs -s
ipcs -m | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
'
