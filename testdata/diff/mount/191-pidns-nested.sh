# PID namespaces nest: a task has a number in each from its own up, its
# proc (mounted where it runs) lists only its namespace's tasks, and
# status's NSpid shows the numbers from the proc's namespace down.
mkdir -p /k
mount -t tmpfs K /k
unshare -mpf --mount-proc sh -c '
echo "L1 $$"
unshare -mpf --mount-proc sh -c "echo L2 \$\$; grep NSpid /proc/self/status; ls /proc > /k/l2; grep -c ^[0-9] /k/l2"
grep NSpid /proc/self/status
unshare -pf sh -c "echo L2 without proc \$\$; grep -E \"^(Pid|PPid|NSpid)\" /proc/self/status; readlink /proc/self"
ls /proc > /k/l1; grep -c "^[0-9]" /k/l1
'
