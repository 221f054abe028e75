# X-mount.mkdir (-m): mount reports any failure to create the target as
# EPERM ("operation permitted for root only", status 1), a bad mode as an
# option it cannot parse; mode 0 means the default 0755.
touch /f
mount -t tmpfs -o X-mount.mkdir t /f/x; echo "under a file $?"
mount -t tmpfs -m t /f/x/y; echo "-m under a file $?"
mount -t tmpfs -o X-mount.mkdir=abc t /x; echo "bad mode $?"
mount -t tmpfs -o X-mount.mkdir=8 t /x; echo "mode 8 $?"
mkdir /ro
mount -t tmpfs -o ro t /ro
mount -t tmpfs -m t /ro/x; echo "on a read-only mount $?"
mount -t tmpfs -o x-mount.mkdir=0750 t /new/d; echo "mode 0750 $?"
mount -t tmpfs -m0 t /zero; echo "mode 0 $?"
umount /new/d /zero
stat -c '%a %n' /new /new/d /zero
for p in /x /ro/x /f/x; do test -e $p && echo "$p exists"; done
cat /proc/self/mountinfo
