# System V IPC in a fresh IPC namespace: ipcmk makes a segment, a queue
# and a semaphore array (ids from 0, each kind counting on its own),
# ipcs lists them in its default, -m/-q/-s, -a, -b and --human tables
# and its -t, -p and -c ones (times and pids masked), with its headers
# and blank lines; ipcrm removes by id, by key and all.
# Everything runs under unshare -i, so the host's namespace is untouched
# and both kernels start empty. Keys are random (ipcmk): masked.
unshare -i sh -c '
ipcs; echo "empty: $?"
ipcmk -M 4096; ipcmk -Q; ipcmk -S 3; ipcmk -M 1M -p 600 -Q -S 1
ipcs | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
ipcs -m -b | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
ipcs -a --human | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
ipcs -q -s | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
ipcs -t | sed "/^[0-9]/ s/[0-9]/N/g"
ipcs -p | sed -E "/^[0-9]/ s/^(.{22})[0-9]+ */\1P /"
ipcs -c -a
key=$(ipcs -m | awk "/^0x/ { print \$1; exit }")
ipcrm -M "$key"; echo "by key: $?"
ipcrm -q 1 -s 0; echo "by id: $?"
ipcs | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
ipcrm -v -a; echo "all: $?"
ipcs -m
ipcmk -M 10; ipcmk -M 10; ipcrm shm 0 1; echo "old syntax: $?"
ipcmk -M 10
'
unshare -i ipcs -m
