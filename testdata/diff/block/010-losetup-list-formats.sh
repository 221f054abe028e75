# losetup --list in its formats, column choices and a size parsed with
# suffixes.
mkdir /w; mount -t tmpfs w /w
head -c 1048576 /dev/zero > /w/f
d=$(losetup -f --show -o 1K --sizelimit 0.5M /w/f)
losetup -l -O NAME,OFFSET,SIZELIMIT,AUTOCLEAR,RO,PARTSCAN "$d"
losetup --raw -l -O NAME,BACK-FILE,RO "$d"
losetup -J -l -O NAME,OFFSET,RO,DIO,BACK-FILE "$d"
losetup -l -n --raw -O +MAJ:MIN,LOG-SEC "$d"
losetup -l -O NAME,, "$d"; echo "empty name $?"
losetup -l -O NAME,BOGUS,RO "$d"; echo "bad column $?"
losetup -j /w/f -o 1024
losetup -j /w/f -o 4096; echo "no match $?"
losetup "$d"
losetup -d "$d"
losetup --sizelimit 1x -f /w/f; echo "bad size $?"
