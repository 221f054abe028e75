# What mke2fs prints on a pipe: the version line on stderr, the
# discard, the "Creating filesystem with N Nk blocks and M inodes" line,
# the UUID and the superblock backups (only with more than one group),
# the progress lines with their backspaces, the journal line, the
# "too small for a journal" notice, -n (no writing), -v's longer
# account, -q, mke2fs's own default type (ext2) and -j, and a missing
# file made only when a size is given. UUIDs are random: sed hides them.
mkdir /w; mount -t tmpfs w /w
cd /w
u() { sed 's/[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}/UUID/'; }
truncate -s 64M a.img
mkfs.ext4 a.img 2>&1 | u; echo "status $?"
truncate -s 8M b.img
mkfs.ext3 b.img 2>&1 | u
truncate -s 1M c.img
mkfs.ext4 c.img 2>&1 | u
mke2fs c.img 2>&1 | u
mke2fs -j -L lbl b.img 2>&1 | u
mkfs.ext2 -q b.img 2>&1; echo "quiet $?"
mkfs.ext4 -n a.img 2>&1 | u
mkfs.ext4 -v -L vol -U 11111111-2222-3333-4444-555555555555 a.img 2>&1 | u
truncate -s 2G big.img
mkfs.ext4 big.img 2>&1 | u
mkfs.ext4 -b 4096 -T news b.img 2>&1 | u
mkfs.ext4 new.img 2>&1; echo "status $?"
ls new.img
mkfs.ext4 new.img 16M 2>&1 | u; echo "status $?"
stat -c '%s %n' new.img
mkfs.ext4 -q a.img 20M; echo "status $?"; stat -c '%s %n' a.img
truncate -s 1M small.img; mkfs.ext4 -q small.img 4M; echo "status $?"; stat -c '%s %n' small.img
: > empty.img; mkfs.ext4 empty.img; echo "status $?"
# Without the discard (-K) the first two sectors are still cleared, but
# not when they hold a BSD disklabel's magic.
truncate -s 8M z.img; printf 'JUNKJUNK' | dd of=z.img conv=notrunc status=none
mkfs.ext4 -q -K z.img; od -A d -c -N 8 z.img
printf 'JUNKJUNK' | dd of=z.img conv=notrunc status=none
printf 'WEV\202' | dd of=z.img bs=1 seek=64 conv=notrunc status=none
mkfs.ext4 -q -K z.img; od -A d -c -N 8 z.img
# A usage type the profile lacks is warned about and left out; -v says
# which types it went by and how many blocks a short last group left.
mke2fs -q -T bogus,news z.img; echo "status $?"
mkfs.ext4 -v -T bogus z.img 2>&1 | u | head -3
truncate -s 8200k odd.img
mke2fs -v odd.img 2>&1 | u | head -6
