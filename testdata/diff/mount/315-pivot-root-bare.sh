# pivot_root into a fresh tmpfs that has no programs: the old root is
# still reachable at /old until umount -l; a pipeline of missing
# programs fails with 127 (the order of their reports races on Linux:
# each part forks, then fails its lookup); the mounts left once the old
# root is gone.
mkdir /new
mount -t tmpfs newroot /new
mkdir -p /new/bin /new/old /new/proc
cd /new
pivot_root . old; echo "pivot=$?"
cd /
ls / | tr '\n' ' '; echo
mount -t proc proc /proc; echo "proc=$?"
{ cat /proc/self/mountinfo | awk '{print $5}' | sort | head -20; } 2>/dev/null; echo "pipeline=$?"
umount -l /old; echo "umount=$?"
{ cat /proc/mounts | awk '{print $2, $3}'; } 2>/dev/null; echo "pipeline=$?"
