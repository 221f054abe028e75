# A mount holding the program a process runs is busy: umount fails with
# "target is busy" while a chrooted shell (and the sleep it started) run
# /usr/bin programs from a bind of /usr, and succeeds once they exited.
# /proc/PID/exe names the file a process runs, also for a program env
# and chroot exec by its name. (The program file is main's mm->exe_file,
# core/418.)
mount -t tmpfs nr /mnt; mkdir -p /mnt/usr /mnt/tmp
for l in bin sbin lib lib64; do ln -s usr/$l /mnt/$l; done
mount --rbind /usr /mnt/usr
readlink /proc/self/exe
env readlink /proc/self/exe
chroot /mnt sh -c 'touch /tmp/in; while [ ! -e /tmp/out ]; do sleep 0.05; done' &
pid=$!
while [ ! -e /mnt/tmp/in ]; do sleep 0.05; done
umount /mnt/usr; echo "program running from it $?"
umount -R /mnt; echo "recursive $?"
findmnt -n -o TARGET -R /mnt
touch /mnt/tmp/out; wait
umount /mnt/usr; echo "after exit $?"
umount /mnt; echo "root $?"
