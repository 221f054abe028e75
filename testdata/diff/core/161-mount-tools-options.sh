# mount, umount, findmnt, losetup and lsblk: option errors as util-linux
# 2.38 words them, the possibilities of an ambiguous abbreviation in the
# tool's table order, and options that exclude each other ("mutually
# exclusive arguments"), found as the second one is met.
findmnt --v; echo $?
findmnt -J -P; echo $?
findmnt --pseudo --real; echo $?
findmnt -d sideways; echo $?
findmnt -N x; echo $?
findmnt --x; echo $?
findmnt -h >/dev/null; echo $?
umount -a -A; echo $?
umount --r; echo $?
umount -R -r /x; echo $?
umount --bogus; echo $?
mount --r; echo $?
mount --read /x; echo $?
mount -B -M a b; echo $?
mount -L x -U y; echo $?
mount --make; echo $?
mount -V >/dev/null; echo $?
losetup --d; echo $?
losetup -a -f; echo $?
losetup -o x; echo $?
losetup --direct-io=maybe; echo $?
losetup --s; echo $?
lsblk --s; echo $?
lsblk -J -r; echo $?
lsblk -x NOPE; echo $?
lsblk -e x; echo $?
lsblk -w q; echo $?
lsblk --o; echo $?
