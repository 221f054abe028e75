# A cgroup directory is listed in kernfs's order (by name hash), files
# and child cgroups alike, as ls -f and find show it; the root lacks
# the files that only other cgroups have.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-277
rmdir $c/alpha $c/beta $c/zeta $c 2>/dev/null
mkdir -p $c/alpha $c/beta $c/zeta
ls -f $c
find $c -maxdepth 1 -type d
ls -f /mnt/cg | grep -v '^lvfs-\|^\.\|^[a-z]*$' | grep -v '^cgroup\.\|\.' ; ls -f /mnt/cg | grep -E '^(cgroup|cpu|io|memory)\.'
rmdir $c/alpha $c/beta $c/zeta $c; echo "rmdir $?"
umount /mnt/cg
