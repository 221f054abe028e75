# mount's and findmnt's listings of tmpfs mounts with options: mount's
# lines, -l -t, findmnt -t, --json, -P, FSROOT, --df, -s without an
# fstab, a missing target, -T, and umount -a -t with -O.
mkdir /t1 /t2
mount -t tmpfs -o size=1m,uid=1000,gid=100,mode=1777 tmpA /t1
mount -t tmpfs -o ro,noexec,nosuid,nodev tmpB /t2
mount | grep -E 'tmp[AB]'
mount -l -t tmpfs | grep -c tmp
findmnt -t tmpfs -o SOURCE,TARGET,OPTIONS | grep tmp[AB]
findmnt --json /t1
findmnt -P /t2
findmnt -n -o FSROOT,MAJ:MIN /t1 | sed 's/[0-9]*:[0-9]*/M:m/'
findmnt --df /t1 | sed 's/  */ /g'
findmnt -s; echo $?
findmnt /nonexistent; echo $?
findmnt -T /t1/x -o TARGET
umount -a -t tmpfs -O noexec 2>&1; echo $?
findmnt /t2; echo $?
