# mqueue: one superblock per IPC namespace, made with the namespace; queue
# files read as the queue's state and cannot be written; only queues can
# be made there. Run in a fresh IPC namespace so that no queue of the
# host's shows.
unshare --ipc bash -c '
mkdir -p /q /q2; mount -t mqueue m /q; mount -t mqueue n /q2
touch /q/a; cat /q/a; ls /q2; stat -c "%s %a %h %F" /q /q/a
mkdir /q/d; echo rc=$?; ln -s a /q/s; echo rc=$?; mkfifo /q/f; echo rc=$?
ln /q/a /q/h; echo rc=$?; mv /q/a /q/b; echo rc=$?
{ echo x > /q/a; } 2>/dev/null; echo rc=$?
truncate -s 5 /q/a; stat -c %s /q/a; cat /q/a | wc -c
unshare --ipc bash -c "mkdir -p /q3; mount -t mqueue m /q3; ls /q3 | wc -l; umount /q3"
touch /q2/z; ls /q; rm /q/a /q/z; stat -c %s /q; umount /q /q2
'
echo rc=$?
