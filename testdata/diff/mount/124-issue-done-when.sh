# The mounts issue's acceptance script; findmnt is limited to the script's
# own trees, since the kernel sandbox's full tree also shows its host binds.
mkdir -p /mnt/x /b; mount -t tmpfs t /mnt; mkdir /mnt/x; mount --make-shared /mnt; mount --bind /mnt /b; mount -t tmpfs u /mnt/x; findmnt -R /mnt; findmnt -R /b; cat /proc/self/mountinfo; umount /b/x; umount /mnt
echo "exit $?"
cat /proc/self/mountinfo
