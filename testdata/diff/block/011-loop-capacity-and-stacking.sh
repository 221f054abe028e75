# A loop device keeps the size it had when it was set up until
# losetup -c has it measure its file again. A loop device can be backed
# by another bound one (and gets its size), not by itself (EBADF) nor by
# an unbound one (EINVAL).
mkdir /w; mount -t tmpfs w /w
head -c 8192 /dev/zero > /w/f
a=$(losetup -f --show /w/f)
wc -c < "$a"
head -c 16384 /dev/zero >> /w/f
wc -c < "$a"
losetup -c "$a"; echo "capacity $?"
wc -c < "$a"
truncate -s 4096 /w/f
losetup --set-capacity "$a"; echo "shrunk $?"
wc -c < "$a"
b=$(losetup -f --show "$a"); echo "over a loop $?"
wc -c < "$b"
losetup -l -n -O NAME,BACK-FILE,RO,SIZELIMIT "$b"
losetup "$b" "$b"; echo "itself, bound $?"
u=$(losetup -f)
losetup "$u" "$u"; echo "itself $?"
c=$(losetup -f --show /w/f); v=$(losetup -f); losetup -d "$c"
losetup "$c" "$v"; echo "unbound $?"
losetup "$c" /dev/null; echo "char device $?"
losetup -d "$b" "$a"; echo "detach $?"
losetup -a; echo "left $?"
