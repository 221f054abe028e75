# mount -T/--fstab: another fstab file, or a directory's *.fstab files,
# for mount -a and for a mount named by one field; a file that cannot be
# read stops mount at once, lines it cannot use are warned about.
mkdir -p /mnt/r
mount -t tmpfs R /mnt/r
mkdir -p /mnt/r/etc /mnt/r/m1 /mnt/r/m2 /mnt/r/m4 /mnt/r/d
cat > /mnt/r/etc/fstab <<'F'
# comment
R1 /mnt/r/m1 tmpfs size=64k,noexec 0 0
R2 /mnt/r/m2 tmpfs ro,noauto 0 0
/nonexist /mnt/r/m3 none bind 0 0
oops
F
mount -a -T /mnt/r/etc/fstab; echo $?
mount -a -T /mnt/r/etc/fstab -v; echo $?
findmnt -R -o TARGET,SOURCE,OPTIONS /mnt/r
mount /mnt/r/m2 -T /mnt/r/etc/fstab; echo $?
mount --fstab /mnt/r/etc/fstab R2 2>&1; echo $?
findmnt -n -o TARGET,SOURCE,OPTIONS /mnt/r/m2
mount R9 -T /mnt/r/etc/fstab; echo $?
mount -a -T /nonexist; echo $?
mount /x -T /nonexist --bogus; echo $?
printf 'R3 /mnt/r/m4 tmpfs mode=700 0 0\n' > /mnt/r/d/b.fstab
printf 'R4 /mnt/r/m4 tmpfs mode=711 0 0\nbad\n' > /mnt/r/d/a.fstab
printf 'R5 /mnt/r/m4 tmpfs mode=755 0 0\n' > /mnt/r/d/.c.fstab
printf 'R6 /mnt/r/m4 tmpfs mode=755 0 0\n' > /mnt/r/d/c.tab
printf 'R7 /mnt/r/m4 tmpfs mode=755 0 0\n' > /mnt/r/d/.fstab
mount -T /mnt/r/d -a -v; echo $?
findmnt -R -n -o TARGET,SOURCE,OPTIONS /mnt/r/m4
mount -T /mnt/r/d -T /mnt/r/etc/fstab -a -v; echo $?
umount -R /mnt/r
