# Names of the user database where mount(8) and chroot take IDs: tmpfs
# uid=nobody,gid=users, chroot --userspec and --groups by name (and
# parse_user_spec's messages, which name no operand).
mkdir /m
mount -t tmpfs -o uid=nobody,gid=users t /m; echo $?
stat -c '%U %G %u %g' /m
grep ' /m ' /proc/mounts
umount /m
mount -t tmpfs -o uid=nosuchuser t /m; echo $?
mount -t tmpfs -o gid=daemon,uid=bin,mode=700 t /m; echo $?; grep ' /m ' /proc/mounts; ls -ld /m | cut -d' ' -f1-4
chroot --userspec=nobody / id -u; echo $?
chroot --userspec=nobody:nogroup / id; echo $?
chroot --userspec=daemon:bin --groups=users,staff / id; echo $?
chroot --userspec=nosuch / true; echo $?
chroot --userspec=:nosuch / true; echo $?
chroot --groups=nosuch / true; echo $?; chroot --userspec=0 --groups=0,nosuch / true; echo $?
