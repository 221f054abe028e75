# A remount through mount(8) passes what mountinfo shows of the
# filesystem's options with the new ones (strace on the host:
# mount("proc", "/p", ..., MS_REMOUNT|MS_RELATIME, "hidepid=2")), so a
# later remount that names none keeps them; mount(2) with no data would
# too, for proc and tmpfs, and a bind remount passes no data at all.
mkdir /p /t
mount -t proc proc /p
mount -o remount,hidepid=2 /p; echo "hidepid $?"
mount -o remount,ro /p; echo "ro $?"
mount -o remount,rw,subset=pid /p; echo "subset $?"
grep " /p " /proc/self/mountinfo
mount -t tmpfs -o size=2m,nr_inodes=50 t /t
mount -o remount,size=3m /t; echo "size $?"
mount -o remount,bind,ro /t; echo "bind ro $?"
mount -o remount,rw /t; echo "rw $?"
grep " /t " /proc/self/mountinfo
