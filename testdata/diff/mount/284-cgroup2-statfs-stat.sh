# What stat(1) and df say of cgroup2: statfs's whole answer (kernfs's
# simple_statfs: no blocks, no inodes, 4096-byte blocks, 255-byte
# names), df's line (df -a, as it hides dummy filesystems), and stat of
# a cgroup and of interface files (size 0, one link; each node an inode
# of its own).
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-284
rmdir $c 2>/dev/null
mkdir $c
stat -f -c 'type=%T magic=%t bsize=%s fbsize=%S blocks=%b free=%f avail=%a files=%c ffree=%d namelen=%l' /mnt/cg $c
df -a /mnt/cg | tail -1 | awk '{print $1, $2, $3, $4, $5, $6}'
df /mnt/cg >/dev/null 2>&1; echo "df $?"
stat -c '%F %s %h %b' $c $c/cgroup.procs $c/memory.pressure
[ "$(stat -c %i $c/cgroup.procs)" != "$(stat -c %i $c/cgroup.threads)" ] && echo "distinct inodes"
[ "$(stat -c %i $c/cgroup.procs)" = "$(stat -c %i $c/cgroup.procs)" ] && echo "stable inode"
rmdir $c; echo "rmdir $?"
umount /mnt/cg
