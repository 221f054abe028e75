# ipcmk's and ipcrm's refusals and messages, with their exit codes: bad
# sizes and modes, sizes the kernel refuses (0, over shmmax; EINVAL),
# semaphore counts out of range, ids and keys nobody has ("invalid id
# (5)", "invalid key (0x10)"), the private key, ids that are no number,
# the removed id's successor, ipcs -i of a missing id and with two
# kinds. All in a fresh IPC namespace (unshare -i).
unshare -i sh -c '
ipcmk; echo "none: $?"
ipcmk -M x; echo "size x: $?"
ipcmk -M 1x; echo "size 1x: $?"
ipcmk -M 0; echo "size 0: $?"
ipcmk -S x; echo "sem x: $?"
ipcmk -S 0; echo "sem 0: $?"
ipcmk -S 32001; echo "sem 32001: $?"
ipcmk -Q -p 9; echo "mode 9: $?"
ipcmk -Q -p 08; echo "mode 08: $?"
ipcrm; echo "ipcrm alone: $?"
ipcrm -m 5; echo "id 5: $?"
ipcrm -m x; echo "id x: $?"
ipcrm -q 0 -s 1 -m -1; echo "three: $?"
ipcrm -M 0; echo "key 0: $?"
ipcrm -M 0x10 -Q 010 -S 99; echo "keys: $?"
ipcrm -S 99999999999999999999; echo "key too big: $?"
ipcrm -M zz; echo "key zz: $?"
ipcrm -a=foo; echo "all foo: $?"
ipcrm -m 0 extra; echo "extra: $?"
ipcrm shm; echo "old none: $?"
ipcrm sem 0 x 3; echo "old: $?"
ipcs -x; echo "ipcs -x: $?"
ipcs -i 0; echo "no kind: $?"
ipcs -m -q -i 0; echo "two kinds: $?"
ipcs -m -i 3; echo "missing: $?"
ipcs -i x -m; echo "id x: $?"
ipcmk -M 10 >/dev/null; ipcrm -m 0; ipcrm -m 0; echo "twice: $?"
ipcmk -M 10; ipcrm -m 0; echo "old id: $?"
'
