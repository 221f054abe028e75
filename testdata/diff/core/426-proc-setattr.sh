# chmod, chown and touch on procfs: a task's entries keep their mode
# (EPERM), /proc/PID and /proc/PID/task/TID refuse an owner too, other
# entries take one without keeping it (the next lookup gives them the
# task's owner again), /proc/sys refuses mode and owner, and times may be
# set on both. Only per-task and /proc/sys entries are touched: a chmod of
# /proc/version would change every proc mount on the machine. Also ln's
# shorter message for a hard link refused with EROFS.
p=/proc/$$
show() { sed "s#/$$\\b#/PID#g"; }
{
chmod 700 /proc/self/fd; echo rc=$?; chmod 755 $p; echo rc=$?; chmod 600 $p/status; echo rc=$?
chmod 600 $p/task/$$/comm; echo rc=$?; chmod 700 $p/task; echo rc=$?; chmod 700 $p/ns; echo rc=$?
for f in $p $p/task $p/fd $p/ns $p/status $p/task/$$; do chgrp 3 $f; echo "$f rc=$?"; chown 1 $f; echo "$f rc=$?"; done
chown 1:2 $p/status; echo rc=$?; stat -c '%u %g %a' $p/status; chown -h 1 $p/cwd; echo rc=$?; stat -c '%u' $p/cwd
chmod 600 /proc/sys/kernel/hostname; echo rc=$?; chown 1 /proc/sys/kernel; echo rc=$?
chgrp 1 /proc/sys/kernel/hostname; echo rc=$?; chmod 755 /proc/sys; echo rc=$?
touch $p/comm; echo rc=$?; touch -d 2001-01-01 /proc/sys/kernel/hostname; echo rc=$?
chmod -v 700 $p/environ; echo rc=$?; chmod -R 700 $p/ns 2>&1 | sort; chmod 700 /proc/self; echo rc=$?
ls -ln $p/status | cut -d' ' -f1-4
} 2>&1 | show
mkdir -p /m/d /ro; echo x > /m/f; mount --bind -o ro /m /ro
ln /ro/f /ro/h; echo rc=$?; ln /ro/f /ro/d/; echo rc=$?; ln -s f /ro/s; echo rc=$?; ln /ro/f /ro/nope/h; echo rc=$?
