# /proc/<pid>/exe leads to the file the task's program was loaded from
# (links followed, as execve follows them), shows " (deleted)" once that
# file is removed, and holds its mount busy while the program runs: an
# unmount of a bind mount a running program came from is EBUSY.
readlink /proc/self/exe
ls -l /proc/self/exe | sed 's/.* -> //'
mkdir -p /mnt/b
mount --bind /usr/bin /mnt/b
/mnt/b/sleep 3 &
for i in $(seq 200); do [ "$(readlink /proc/$!/exe)" = /mnt/b/sleep ] && break; sleep 0.05; done
readlink /proc/$!/exe
umount /mnt/b; echo "umount $?"
wait
umount /mnt/b; echo "umount $?"
cp /usr/bin/sleep /tmp/s
/tmp/s 3 &
for i in $(seq 200); do [ "$(readlink /proc/$!/exe)" = /tmp/s ] && break; sleep 0.05; done
rm /tmp/s
readlink /proc/$!/exe
wait
