# Mount flags at work: noexec refuses a script (sh still reads it), nodev
# refuses opening a device node, remount,ro is refused while a file is
# open for writing and then refuses changes.
mkdir /x
mount -t tmpfs -o noexec x /x
printf '#!/bin/sh\necho ran\n' > /x/s.sh; chmod +x /x/s.sh
/x/s.sh; echo "noexec=$?"
sh /x/s.sh; echo "via sh=$?"
mount -o remount,exec /x; /x/s.sh; echo "exec=$?"
mknod /x/null c 1 3
echo hi > /x/null; echo "dev=$?"
mount -o remount,nodev /x
echo hi > /x/null; echo "nodev=$?"
cat /x/null; echo "nodev read=$?"
exec 3>/x/log
mount -o remount,ro /x; echo "ro with writer=$?"
exec 3>&-
mount -o remount,ro /x; echo "ro=$?"
touch /x/new; echo "touch=$?"
rm /x/s.sh; echo "rm=$?"
mount -o remount,rw,suid,dev /x
findmnt -no OPTIONS /x
umount /x
