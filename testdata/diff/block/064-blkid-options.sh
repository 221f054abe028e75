# blkid's selection and lookup options and its errors: -t and -l, -L and
# -U (the first device with that label or UUID), -s, -o list with its
# mount point column, -n and -u filters of the low-level probe, values
# that need escaping, devices that cannot be probed, bad arguments, and
# the exit statuses (2: nothing found, 4: usage). (-n with -u is left
# out: util-linux 2.38.1's blkid aborts on an assertion there.)
mkdir /w; mount -t tmpfs w /w
@mkimg /w/a 2M mke2fs -q -F -t ext2 -L 'blkid "064" a$b' -U 06406406-4064-4064-4064-064064064064 -E root_owner=0:0 "$IMG"
@mkimg /w/b - mkfs.vfat -C -n LAB064B -i 064b064b "$IMG" 2000 >/dev/null
a=$(losetup -f --show -r /w/a)
b=$(losetup -f --show -r /w/b)
blkid -c /dev/null "$a" "$b"; echo "two $?"
blkid -c /dev/null -o export "$a" "$b"
blkid -c /dev/null -p -o udev "$a" "$b"
blkid -c /dev/null -d "$a"
blkid -c /dev/null -t TYPE=vfat "$a" "$b"; echo "token $?"
blkid -c /dev/null -t TYPE=xfs "$a" "$b"; echo "no token $?"
blkid -c /dev/null -t 'LABEL="LAB064B"' -o device "$a" "$b"; echo "quoted $?"
blkid -c /dev/null -l -t UUID=064B-064B "$b"; echo "list one $?"
blkid -c /dev/null -l -o device -t LABEL=LAB064B; echo "list one device $?"
blkid -c /dev/null -L LAB064B; echo "label $?"
blkid -c /dev/null -U 06406406-4064-4064-4064-064064064064; echo "uuid $?"
blkid -c /dev/null -U 06406406-0000-4064-4064-064064064064; echo "no uuid $?"
# Every device, in /sys/block's order, which depends on the numbers the
# devices got: each is looked for on its own.
blkid -c /dev/null | grep "^$a:"; blkid -c /dev/null | grep "^$b:"
blkid -c /dev/null -t LABEL=LAB064B | grep -c .
blkid -c /dev/null -s TYPE -s UUID "$a" "$b"
blkid -c /dev/null -s NONE "$a"; echo "no tag $?"
blkid -c /dev/null -o value -s LABEL "$a" "$b"
blkid -c /dev/null -o list "$a" "$b"
mkdir /m; mount -r "$a" /m
blkid -c /dev/null -o list "$b" "$a" | sed 's/ *$//'
umount /m
blkid -c /dev/null -p -n ext2 "$a" "$b"; echo "only ext2 $?"
blkid -c /dev/null -p -n noext2 "$a"; echo "not ext2 $?"
blkid -c /dev/null -p -u filesystem "$b"; echo "filesystems $?"
blkid -c /dev/null -p -u other "$b"; echo "other $?"
blkid -c /dev/null -p -u bogus,raid "$b"; echo "bad usage $?"
blkid -c /dev/null -p -n "" "$b"; echo "empty types $?"
blkid -c /dev/null -p -o list "$a"; echo "list probe $?"
blkid -c /dev/null -o bogus "$a"; echo "bad format $?"
blkid -c /dev/null -t nopair "$a"; echo "bad token $?"
blkid -c /dev/null -t A=1 -t B=2 "$a"; echo "two tokens $?"
blkid -c /dev/null -l "$a"; echo "lookup without token $?"
blkid -c /dev/null -p; echo "probe without device $?"
blkid -c /dev/null -p -O x "$a"; echo "bad offset $?"
blkid -c /dev/null --bogus; echo "bad option $?"
blkid -c /dev/null /nonexistent; echo "missing $?"
blkid -c /dev/null /dev/null /w; echo "not devices $?"
blkid -c /dev/null -p "$a" /nonexistent "$b"; echo "missing among $?"
: > /w/empty; head -c 4096 /dev/zero > /w/zeros
blkid -c /dev/null -p /w/empty; echo "empty $?"
blkid -c /dev/null -p /w/zeros "$a"; echo "nothing then stop $?"
blkid -c /dev/null /w/zeros "$a"; echo "cached nothing $?"
blkid -g; echo "gc $?"
losetup -d "$a" "$b"
blkid -c /dev/null -p "$a"; echo "detached $?"
blkid -c /dev/null "$a"; echo "detached cached $?"
