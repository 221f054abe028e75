# swapon and swapoff on loop devices of images in the scenario's tmpfs
# (never the machine's own swap; every area is turned off before the
# end): /proc/swaps, --show and its columns, -s, priorities given and
# the default -2, -3 renumbered by swapoff, EBUSY for an active area,
# /proc/meminfo's swap lines, -v, and the failures: no header, a tmpfs
# file (the kernel's EINVAL), holes, permissions, a missing file, swapoff
# of what is not swap.
mkdir /w; mount -t tmpfs w /w
cd /w
truncate -s 2M i1 i2 i3
d1=$(losetup -f --show /w/i1)
d2=$(losetup -f --show /w/i2)
d3=$(losetup -f --show /w/i3)
mkswap -L one -U 11111111-2222-3333-4444-555555555555 "$d1" >/dev/null; echo $?
mkswap -U 21111111-2222-3333-4444-555555555555 "$d2" >/dev/null; echo $?
mkswap -L three -U 31111111-2222-3333-4444-555555555555 "$d3" >/dev/null; echo $?
swapon "$d1"; echo $?
swapon -v "$d2"; echo $?
swapon -p 7 "$d3"; echo $?
cat /proc/swaps
swapon
swapon --show=NAME,PRIO,UUID,LABEL
swapon --show --bytes --noheadings
swapon --show --raw
swapon -s
grep -E '^Swap(Total|Free)' /proc/meminfo
free | awk '/^Swap/ {print $1, $2, $3, $4}'
swapon "$d1"; echo $?
mkswap "$d1"; echo $?
swapoff "$d1"; echo $?
cat /proc/swaps
swapoff "$d1"; echo $?
swapon "$d1"; echo $?
cat /proc/swaps
swapoff -v "$d1" "$d2"; echo $?
swapoff "$d3"; echo $?
swapon --show; echo $?
swapon -s; echo $?
grep -E '^Swap(Total|Free)' /proc/meminfo
# A file in tmpfs: the kernel refuses it; holes and modes are swapon's.
dd if=/dev/zero of=f1 bs=1k count=1024 status=none; chmod 600 f1
mkswap -U 41111111-2222-3333-4444-555555555555 f1 >/dev/null
swapon f1; echo $?
swapon -v f1; echo $?
truncate -s 1M sparse; chmod 600 sparse
swapon sparse; echo $?
dd if=/dev/zero of=z bs=1k count=100 status=none; chmod 644 z
swapon z; echo $?
swapoff z; echo $?
swapon /w/nonexist; echo $?
swapoff /w/nonexist; echo $?
swapoff; echo $?
swapon -p x "$d1"; echo $?
swapon --show=FOO; echo $?
cat /proc/swaps
losetup -d "$d1" "$d2" "$d3"
