# lsipc: the limits-and-usage table (the default, -g, -b; with a kind,
# that kind's columns stay in the header), each kind's default columns,
# -c, -o (a list, +LIST, a column of another kind refused), -P,
# --noheadings, -r, -J, -e, -n, -y, -l, and -i's field-by-field form
# with a semaphore array's elements; an empty kind prints nothing. Keys
# are random and times vary: masked or left out. All in a fresh IPC
# namespace.
unshare -i sh -c '
lsipc; lsipc -m; echo "empty: $?"
ipcmk -M 4096 >/dev/null; ipcmk -M 10 -p 1600 >/dev/null; ipcmk -Q >/dev/null; ipcmk -S 3 >/dev/null; ipcmk -S 1 >/dev/null
lsipc; lsipc -b; lsipc -g -s
lsipc -m -r -o KEY,ID,PERMS,SIZE,NATTCH,STATUS | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
lsipc -q | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
lsipc -s -c | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
lsipc -s -o KEY,NSEMS,OTIME | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
lsipc -s -o +SIZE; echo "+SIZE: $?"
lsipc -s -o +FOO; echo "+FOO: $?"
lsipc -t; echo "-t alone: $?"
lsipc -q -i 5; echo "-i 5: $?"
lsipc -s -i 0 | grep -v -e Key -e "Last change"
lsipc -m -i 1 | grep -v -e Key -e "Last change" -e "Creator PID"
lsipc -m -P --noheadings -o ID,PERMS,SIZE,STATUS
lsipc -q -J -o ID,PERMS,USEDBYTES,MSGS
lsipc --time-format=foo; echo "time format: $?"
lsipc -s -e -o ID,NSEMS; lsipc -s -n -o ID,PERMS; lsipc -y | head -2; lsipc -e -y | tail -1; lsipc -r
lsipc -s -l -i 1 -o ID,NSEMS; lsipc -J | head -12
'
