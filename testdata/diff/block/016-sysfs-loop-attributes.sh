# A loop device's directory in sysfs follows the device: its size in
# sectors and ro, and the loop/ group only while a file is bound, with the
# backing file's path as the kernel sees it (" (deleted)" once unlinked);
# ro stays after a read-only file goes. losetup reads sysfs for these.
mkdir /w; mount -t tmpfs w /w
head -c 1048576 /dev/zero > /w/img
d=$(losetup -f --show /w/img); n=${d#/dev/}
cat /sys/block/$n/size /sys/block/$n/ro /sys/block/$n/removable /sys/block/$n/range /sys/block/$n/ext_range /sys/block/$n/hidden
cat /sys/block/$n/loop/backing_file /sys/block/$n/loop/offset /sys/block/$n/loop/sizelimit
cat /sys/block/$n/loop/autoclear /sys/block/$n/loop/partscan /sys/block/$n/loop/dio
cat /sys/block/$n/queue/logical_block_size /sys/block/$n/queue/physical_block_size /sys/block/$n/queue/rotational
sed 's/^DISKSEQ=[0-9]*$/DISKSEQ=N/' /sys/block/$n/uevent
cat /sys/dev/block/$(cat /sys/block/$n/dev)/loop/backing_file
readlink /sys/block/$n /sys/class/block/$n /sys/dev/block/$(cat /sys/block/$n/dev)
ls -U /sys/block/$n/loop
stat -c '%F %a %s' /sys/block/$n/loop/backing_file /sys/block/$n/loop
rm /w/img
cat /sys/block/$n/loop/backing_file
losetup -l -n -O BACK-FILE "$d"
losetup -d "$d"
ls /sys/block/$n/loop; echo "after detach $?"
cat /sys/block/$n/size
head -c 1048576 /dev/zero > /w/img2
d=$(losetup -f --show -r -o 512 --sizelimit 4096 -b 4096 /w/img2); n=${d#/dev/}
cat /sys/block/$n/size /sys/block/$n/ro /sys/block/$n/loop/offset /sys/block/$n/loop/sizelimit
cat /sys/block/$n/queue/logical_block_size /sys/block/$n/queue/minimum_io_size
losetup -a
losetup -d "$d"
cat /sys/block/$n/ro /sys/block/$n/queue/logical_block_size
# Bound read-write again, the device is writable again (and is left so).
d=$(losetup -f --show /w/img2); n=${d#/dev/}
cat /sys/block/$n/ro
losetup -d "$d"
