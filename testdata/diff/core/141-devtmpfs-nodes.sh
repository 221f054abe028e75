# /dev is devtmpfs: the nodes the kernel makes for its devices, with the
# modes devtmpfs gives them; every devtmpfs mount is the same superblock;
# a node on a nodev mount cannot be opened. (Times vary; the host's
# devtmpfs has more devices than linuxvfs has, so only these are listed.)
findmnt -n -o FSTYPE /dev
ls -l /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty /dev/console /dev/ptmx /dev/loop-control /dev/loop0 | awk '{ print $1, $3, $4, $5, $6, $10 }'
stat -c '%n %F %t:%T %a %U' /dev/null /dev/loop0
mkdir /d2 /d3
mount -t devtmpfs x /d2
[ "$(stat -c %d:%i /d2/null)" = "$(stat -c %d:%i /dev/null)" ] && echo "one superblock"
findmnt -n -o SOURCE,FSTYPE /d2
mount -t devtmpfs -o nodev y /d3
cat /d3/null; echo "nodev $?"
echo x > /d2/zero; echo "zero $?"
umount /d2 /d3
