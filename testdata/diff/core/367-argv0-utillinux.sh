# util-linux words its own messages and try-help lines with the short
# name (program_invocation_short_name: argv[0]'s base name), glibc's
# getopt its complaints with argv[0] as given; a copy under another name
# goes by that name. gzip and tar word them each their way.
mkdir -p /tmp/u0; cd /tmp/u0
/bin/mount -t bogus a b; echo "mount $?"
/bin/mount --bad; echo "mount $?"
/usr/bin/findmnt -Q; echo "findmnt $?"
/sbin/losetup -Q; echo "losetup $?"
/usr/bin/unshare -Q; echo "unshare $?"
/usr/bin/nsenter -Q; echo "nsenter $?"
/bin/dmesg -Q; echo "dmesg $?"
cp /bin/mount mnt; cp /usr/bin/findmnt fm
./mnt -t bogus a b; echo "mnt $?"
./mnt --bad; echo "mnt $?"
/tmp/u0/fm -Q; echo "fm $?"
env /bin/mount --bad; echo "env $?"
/bin/gzip /nope; echo "gzip $?"
/bin/tar -x -f /nope; echo "tar $?"
