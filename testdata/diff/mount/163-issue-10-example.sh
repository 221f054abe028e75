# The example of the kern_mount issue: a pipeline's standard input is a
# pipe, /proc lists self and thread-self, an mqueue mount per IPC
# namespace, a hostname per UTS namespace. Run in a fresh IPC namespace so
# that the host's queues stay out of it; the host's hostname is not
# compared (a fresh kernel's is "(none)"), only that it stays the same.
unshare --ipc bash -c '
echo x | readlink /proc/self/fd/0 | sed "s/[0-9][0-9]*/N/"; ls /proc | grep -c self
mkdir /q; mount -t mqueue m /q; touch /q/a; cat /q/a
unshare --ipc sh -c "mount -t mqueue m /q; ls /q | wc -l"
h=$(hostname); unshare --uts sh -c "hostname inner; hostname"; [ "$(hostname)" = "$h" ] && echo same
'
echo rc=$?
