# procfs directories as ls -l, stat %h and find see them: a process's
# directory has Linux's link count (2 + the directories of its table, 9),
# a thread's under task/ has 7 and is another inode with no task/ or
# timens_offsets of its own (so find and ls -R over /proc/PID meet no
# loop), task/ counts its one thread, and /proc/sys directories have a
# single link. The shell's own directory is used: it has one thread.
p=/proc/$$; t=$p/task/$$
show() { sed "s#/$$#/PID#g"; }
stat -c '%n %h %F %a' $p $p/task $t $p/fd $p/ns $t/fd $t/ns | show
stat -c '%n %h %F %a' /proc/self/task /proc/sys /proc/sys/kernel /proc/sys/fs /proc/sys/kernel/hostname
ls -ld /proc/sys /proc/sys/kernel $p $p/task | cut -c1-13
[ "$(stat -c %i $p)" != "$(stat -c %i $t)" ] && echo distinct inodes
ls -d $t/task 2>&1 | show; ls $t/timens_offsets 2>&1 | show; ls -d $p/timens_offsets | show
for f in cmdline comm cwd environ fd mountinfo mounts ns root stat status uid_map; do ls -d $t/$f; done | show
find $p -name task -printf '%p %n %y\n' | show; echo rc=$?
find $p/task -maxdepth 1 -printf '%p %n\n' | show
ls -R $p > /dev/null; echo rc=$?; du -s $p | cut -f1
find /proc/sys/kernel -maxdepth 0 -links 1 -printf '%p %n\n'
