# /proc/sysvipc/shm, msg and sem as Linux 6.18 prints them: the headers
# and each column's width (key %10d, perms %4o, sizes %21lu...), one
# line per object in index order, in the reader's IPC namespace. The
# key, the creator's pid and the times differ between the kernels:
# masked, widths aside. The files are read-only (EIO on a write).
unshare -i sh -c '
mask() { sed -E "s/^ *-?[0-9]+ /KEY/; s/[0-9]{10}/T/g; s/^(KEY +[0-9]+ +[0-7]+ +[0-9]+) +[0-9]+ /\1 CPID /"; }
cat /proc/sysvipc/shm /proc/sysvipc/msg /proc/sysvipc/sem
ipcmk -M 4096 >/dev/null; ipcmk -M 100000 -p 640 >/dev/null; ipcmk -Q -p 0600 >/dev/null; ipcmk -S 7 -p 0444 >/dev/null
ipcmk -Q >/dev/null; ipcrm -q 0
mask < /proc/sysvipc/shm
sed -E "s/^ *-?[0-9]+ /KEY/; s/[0-9]{10}/T/g" /proc/sysvipc/msg /proc/sysvipc/sem
ls -l /proc/sysvipc | cut -c1-10,40-
echo x > /proc/sysvipc/shm
echo "write: $?"
'
