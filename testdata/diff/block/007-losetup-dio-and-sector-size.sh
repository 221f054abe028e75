# Direct I/O and the logical sector size of a loop device, set up front or
# changed on a bound device; a size that is no power of two is refused.
mkdir /w; mount -t tmpfs w /w
head -c 1048576 /dev/zero > /w/f
d=$(losetup -f --show /w/f)
losetup -l -n -O NAME,DIO,LOG-SEC "$d"
losetup --direct-io=on "$d"; echo "dio $?"
losetup -b 4096 "$d"; echo "bs $?"
losetup -l -n -O NAME,DIO,LOG-SEC "$d"
losetup -b 1000 "$d"; echo "bad bs $?"
losetup -d "$d"
d2=$(losetup -f --show --direct-io=on -b 2048 /w/f)
losetup -l -n -O NAME,DIO,LOG-SEC "$d2"
losetup -d "$d2"
losetup --set-capacity /dev/loop0; echo "capacity unbound $?"
