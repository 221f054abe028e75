# /etc/mtab is a symbolic link to /proc/mounts, as on the Debian system
# the host runs: scripts that read it see the kernel's table, and
# mount(8), seeing a link, writes nothing there.
readlink /etc/mtab
mount -t tmpfs -o size=1m top /mnt
grep " /mnt " /etc/mtab
mount --bind /mnt /tmp
awk '$2 ~ /^\/(mnt|tmp)$/ {print $1, $2, $3, $4}' /etc/mtab
umount /tmp
grep -c " /tmp " /etc/mtab
test -L /etc/mtab && echo "still a link"
