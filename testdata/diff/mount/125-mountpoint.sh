mkdir -p /mnt /d /b
touch /f
mount -t tmpfs tmpfs /mnt
mkdir /mnt/sub
mountpoint /mnt; echo "$?"
mountpoint /d; echo "$?"
mountpoint -q /mnt; echo "-q mount $?"
mountpoint -q /d; echo "-q dir $?"
mountpoint /nosuch; echo "missing $?"
mountpoint -q /nosuch; echo "-q missing $?"
mountpoint /f; echo "file $?"
mountpoint /; echo "root $?"
mountpoint /proc; echo "proc $?"
mountpoint /mnt/sub; echo "subdir $?"
mountpoint /mnt/; echo "trailing slash $?"
mount --bind /mnt/sub /b
mountpoint /b; echo "bind of a subdirectory $?"
mount --bind /f /f
mountpoint /f; echo "file bind $?"
