# findmnt -x/--verify over fstab files: the order of targets, missing
# targets (util-linux's noauto test is the wrong way round), bind
# targets, tags, sources that are no block device, types the kernel
# does not know, the on-disk type of an image, swap options, the root's
# pass number, --verbose, -C, -f, filters, parse errors, the summary and
# the status; then /etc/fstab by default.
mkdir -p /mnt; mount -t tmpfs m /mnt
mkdir -p /mnt/t /mnt/p /mnt/b /mnt/src /mnt/e /mnt/y3 /mnt/y9
touch /mnt/file /mnt/t/x; ln -s t /mnt/link; : > /mnt/empty
printf 'hsqs\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\4\0\0\0' > /mnt/sq4
printf 'hsqs\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\3\0\0\0' > /mnt/sq3
head -c 4096 /dev/zero >> /mnt/sq4; head -c 4096 /dev/zero >> /mnt/sq3
cat > /tmp/tab1 <<'EOT'
# test
tmpfs /mnt/t tmpfs size=1m 0 0
proc /mnt/p proc defaults
/mnt/src /mnt/b none bind 0 0
/mnt/src /mnt/c none bind,noauto
/mnt/file /mnt/t/x none bind
/dev/nonexist /mnt/d squashfs ro 0 2
/mnt/src /mnt/e tmpfs defaults
LABEL=foo /mnt/f tmpfs defaults
UUID=abc /mnt/g auto noauto
/mnt/missing /mnt/h none bind
/mnt/t /mnt/t/sub tmpfs defaults
/mnt//t/../t /mnt/t/../t tmpfs defaults
ramfs /mnt/r ramfs defaults
foo /mnt/q foofs defaults
/swapfile none swap sw,pri=x,discard=bad
badline
/ / tmpfs defaults 0 0
foo=bar /mnt/t squashfs
/dev/loop7 /mnt/t squashfs
/dev/loop-control /mnt/t squashfs
EOT
cat > /tmp/tab2 <<'EOT'
/mnt/empty /mnt/y1 squashfs defaults
/mnt/src /mnt/y2 squashfs defaults
/mnt/sq4 /mnt/y3 squashfs defaults
/mnt/sq3 /mnt/y4 squashfs defaults
/mnt/sq4 /mnt/y5 auto defaults
/mnt/empty /mnt/y6 auto defaults
/mnt/sq4 /mnt/file squashfs defaults,noauto
none /mnt/y7 none defaults
/mnt/sq4 /mnt/y8 ramfs,squashfs defaults
tmpfs /mnt/y9 tmpfs size=1m,mode=700,x-foo=bar,user,ro
/dev/null /mnt/yy squashfs defaults
/mnt/sq4 / squashfs defaults 0 2
/mnt/sq4 /mnt/y3 squashfs defaults,bind 0 2
/swap1 none swap discard=on,pri=-5
/swap2 none swap discard,pri=
EOT
findmnt -x -F /tmp/tab1; echo "tab1 $?"; findmnt -x --verbose -F /tmp/tab1 /mnt/t; echo "source $?"
findmnt -x -F /tmp/tab1 -t ramfs; echo "type $?"; findmnt --verify -F /tmp/tab1 --first-only; echo "first $?"
findmnt -x --verbose -F /tmp/tab2; echo "tab2 $?"; findmnt -x -F /tmp/tab2 -C; echo "nocanon $?"
findmnt -x -F /tmp/tab2 -U; echo "uniq $?"
printf 'tmpfs /mnt/t tmpfs defaults\n' > /tmp/ok; findmnt -x -F /tmp/ok; echo "ok $?"
findmnt -x -F /tmp/ok -J; echo "json $?"; findmnt -x -F /tmp/nofile; echo "missing $?"
findmnt -x -F /tmp/ok --verbose -o TARGET; echo "columns $?"; findmnt -x -F /tmp/ok /nothing; echo "nomatch $?"
mkdir -p /etc 2>/dev/null; [ -e /etc/fstab ] || : > /etc/fstab
mount --bind /tmp/tab2 /etc/fstab
findmnt -x; echo "fstab $?"; findmnt -s -x /mnt/y3; echo "fstab target $?"
umount /etc/fstab
