# /proc/partitions lists the block devices that have a size: a loop device
# once bound, in KiB, gone again when detached. (The host's own disks are
# there too, so only the loop device's line is looked at.)
truncate -s 1M /tmp/p.img
d=$(losetup -f --show /tmp/p.img); n=${d#/dev/}
head -2 /proc/partitions
grep " $n\$" /proc/partitions | awk '{ print $1, $3 }'
losetup -d "$d"
grep -c " $n\$" /proc/partitions
