# unshare --user=FILE, --net=FILE, --pid=FILE (pid_for_children, after
# the fork), --cgroup=FILE and --time=FILE (time_for_children): without
# a new mount namespace unshare binds the files itself, so a new user
# namespace, whose process has no capability over the old mount
# namespace, cannot (EPERM); with -m a child in the old namespace binds
# them. nsenter through a bound user namespace without maps fails to
# set the IDs. Namespace numbers and PIDs are replaced by N and PID.
# kerneltest: switch-root
mkdir -p /run/ns; cd /run/ns; touch u n p c t
unshare --user=/run/ns/u true 2>/tmp/err; echo "user alone $?"; sed 's/[0-9][0-9]*/PID/' /tmp/err
unshare -m --user=/run/ns/u true; echo "user with a mount namespace $?"
unshare --net=/run/ns/n true; echo "net $?"
unshare -f --pid=/run/ns/p true; echo "pid $?"
unshare --cgroup=/run/ns/c --time=/run/ns/t true; echo "cgroup and time $?"
grep nsfs /proc/self/mountinfo | cut -d' ' -f4-5 | sed 's/[0-9][0-9]*]/N]/'
[ "$(stat -c %i /run/ns/n)" != "$(stat -L -c %i /proc/self/ns/net)" ] && echo "another net namespace"
nsenter --user=/run/ns/u true; echo "nsenter user $?"
nsenter --net=/run/ns/n --cgroup=/run/ns/c sh -c '[ "$(stat -L -c %i /proc/self/ns/net)" = "$(stat -c %i /run/ns/n)" ] && echo "in it"'; echo "nsenter net $?"
umount u n p c t; echo "umount $?"
