# util-linux's mkfs: -t picks mkfs.TYPE along PATH (ext2 when not given:
# only named here, as -V -V shows without running it), the builder's
# options pass through (getopt stops at the first one mkfs does not
# know, and the word before it becomes the builder's name, even an
# operand not yet moved behind the options), -V alone, -V once (its
# lines are lost at exec), the missing type's and the missing device's
# errors with their statuses, POSIXLY_CORRECT (the first operand ends
# mkfs's options), and an unknown option at the start
# of a cluster.
# host-tools: mkfs.fat
mkdir /w; mount -t tmpfs w /w
cd /w
truncate -s 2M f.img
mkfs -t vfat -v -i 1234abcd f.img; echo $?
mkfs -t fat -V --invariant f.img; echo $?
mkfs -V -V f.img; echo $?
mkfs -V -V -t vfat f.img -n FOO
mkfs -V -V f.img -t vfat -c
mkfs -V -V x --type=minix
mkfs -V -V -tminix x y z
mkfs -V -V --verb x -- -a b
mkfs -V -V x -- -a b
mkfs -V -V -Vx a
POSIXLY_CORRECT=1 mkfs -V -V f.img -t vfat -c
mkfs -V; echo $?
mkfs -t nosuchfs f.img; echo $?
mkfs -V -t nosuchfs a; echo $?
mkfs; echo $?
mkfs -t vfat; echo $?
mkfs -t -V; echo $?
PATH=/nowhere /usr/sbin/mkfs -t vfat f.img; echo $?
# An unknown first letter of a cluster at the start: getopt's index is
# still at that word, so the builder gets mkfs's own argv[0] too.
mkdir bin; printf '#!/bin/sh\necho "$*"\n' > bin/mkfs.ext2; chmod +x bin/mkfs.ext2
PATH=/w/bin:$PATH mkfs -xV f.img; echo $?
PATH=/w/bin:$PATH mkfs -V -xV f.img | tail -n 1
