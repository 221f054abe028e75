# Root writing to procfs files that take no writes: the open (even with
# O_TRUNC) succeeds, then proc_create's files fail with EIO and those of
# /proc/<pid> with EINVAL; a read-only sysctl refuses the open (EACCES).
for f in /proc/version /proc/uptime /proc/mounts /proc/self/mountinfo /proc/filesystems /proc/self/status /proc/cmdline /proc/partitions /proc/self/environ /proc/sys/kernel/ostype; do
  echo x > $f; echo "$f $?"
  printf x | dd of=$f status=none 2>&1 | sed "s/^/  /"
  printf x | dd of=$f conv=notrunc status=none 2>&1 | sed "s/^/  /"
done
: > /proc/version; echo "truncate $?"
