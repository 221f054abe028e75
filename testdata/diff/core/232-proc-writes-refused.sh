# Writing to a procfs file that takes no writes: root may open it (with
# O_TRUNC, which procfs ignores), and the write fails: EIO for entries of
# /proc itself, EINVAL for a task's files. Namespace files are immutable
# (EPERM at open, chmod and touch); a read-only sysctl refuses the open.
for f in /proc/version /proc/uptime /proc/filesystems /proc/cmdline /proc/mounts \
	/proc/self/status /proc/self/mountinfo /proc/self/cmdline /proc/self/environ \
	/proc/self/ns/uts /proc/sys/kernel/ostype; do
	echo x > $f; echo "$f $?"
	echo x >> $f; echo "$f $?"
done
truncate -s 0 /proc/version; echo "truncate $?"
: > /proc/uptime; echo "empty $?"
chmod 600 /proc/self/ns/net; echo "chmod $?"
touch /proc/self/ns/net; echo "touch $?"
stat -L -c '%a %s' /proc/self/ns/net /proc/version
