mkdir -p /d /e /mnt
touch /f
mount -n --move /d /e; echo "not a mount $?"
mount -n --move /nosuch /e; echo "missing source $?"
mount -t tmpfs tmpfs /mnt
mount -n --move /mnt /nosuch; echo "missing target $?"
mount -n --move /mnt /f; echo "onto a file $?"
mount -n --move / /e; echo "the root $?"
mkdir /mnt/sub
mount -n --move /mnt/sub /e; echo "not a mount root $?"
cat /proc/self/mountinfo
