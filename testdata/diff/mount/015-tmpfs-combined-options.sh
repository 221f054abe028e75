mkdir -p /mnt
mount -t tmpfs -o size=2m,mode=750,uid=1,gid=2,nr_inodes=50,noexec,nosuid,noatime combo /mnt; echo "mount $?"
stat -c '%a %u %g' /mnt
cat /proc/self/mountinfo
findmnt -o TARGET,SOURCE,VFS-OPTIONS,FS-OPTIONS /mnt
