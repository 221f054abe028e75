# Rows of mount's report table that the other scenarios do not reach:
# sources that are no block device, -o nofail (which silences a missing or
# unusable source, not a missing target, and is not reported as done by
# -v), a bind with flags of an unbindable mount (its remount call makes
# the message a remount's), and loop options it cannot parse.
mkdir /m /a /u /d
touch /f
echo hi > /small
mount -t squashfs /small /m; echo "small file $?"
mount -t squashfs /d /m; echo "directory $?"
mount -t squashfs -o nofail /nonexistent /m; echo "nofail missing source $?"
mount -v --bind -o nofail /nonexistent /a; echo "nofail bind verbose $?"
mount -t tmpfs -o nofail t /nonexistent; echo "nofail missing target $?"
mount -t squashfs -o nofail /d /m; echo "nofail directory $?"
mount -t squashfs -o nofail /f/x /m; echo "nofail prefix $?"
mount -t tmpfs u /u
mount --make-unbindable /u
mount --bind -o ro /u /a; echo "bind ro of unbindable $?"
mount --bind -o shared /u /a; echo "bind shared of unbindable $?"
mount -t tmpfs -o remount,ro t /d; echo "remount of a non-mount $?"
mount -o loop,offset=abc /small /m; echo "offset $?"
mount -t squashfs -o sizelimit= /small /m; echo "sizelimit $?"
mount -v -t tmpfs -o ro,shared t /m; echo "verbose with propagation $?"
umount /m /u
cat /proc/self/mountinfo
