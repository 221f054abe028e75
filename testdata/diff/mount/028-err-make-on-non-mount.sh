mkdir /d
mount --make-shared /d; echo "shared $?"
mount --make-private /d; echo "private $?"
mount --make-rslave /d; echo "rslave $?"
mount --make-unbindable /nosuch; echo "missing $?"
cat /proc/self/mountinfo
