mkdir -p /d /mnt
mount -t tmpfs tmpfs /mnt
findmnt /d; echo "not a mount $?"
findmnt /nosuch; echo "missing $?"
findmnt -t ramfs; echo "no ramfs $?"
findmnt -S nosuchsource; echo "no source $?"
findmnt -n /d; echo "-n $?"
