# mount -N and umount -N (--namespace): a PID names /proc/PID/ns/mnt,
# anything else is a namespace file's path; the mount or umount happens
# in that namespace, relative paths from its root (setns moves the
# working directory), and a namespace that cannot be joined ends the
# command with status 2.
# kerneltest: switch-root
mkdir -p /mnt/a /mnt/b
unshare -m --propagation private sh -c 'echo > /tmp/ready; while [ ! -e /tmp/done ]; do sleep 0.05; done; findmnt -n -o TARGET,SOURCE /mnt/b' &
pid=$!
while [ ! -e /tmp/ready ]; do sleep 0.05; done
mount -N $pid -v -t tmpfs inner /mnt/a; echo "mount in $?"
findmnt /mnt/a; echo "not here $?"
nsenter -t $pid -m findmnt -n -o TARGET,SOURCE /mnt/a
mount --namespace=/proc/$pid/ns/mnt -t tmpfs second /mnt/b; echo "mount by path $?"
umount -N $pid -v /mnt/a; echo "umount in $?"
nsenter -t $pid -m findmnt /mnt/a; echo "gone there $?"
umount -N $pid /mnt/a; echo "not mounted there $?"
cd /mnt
mount -N $$ -t tmpfs rel a; echo "relative $?"
mount -N $$ -t tmpfs rel /mnt/a; echo "own namespace $?"
umount -N $$ a; echo "relative umount $?"
pwd
umount -N /proc/self/ns/mnt -v /mnt/a; echo "own by path $?"
mount -N 999999 -t tmpfs x /mnt/a; echo "no such pid $?"
mount -N abc -t tmpfs x /mnt/a; echo "no such file $?"
mount -N /mnt -t tmpfs x /mnt/a; echo "not a namespace $?"
umount -N 0 /mnt/a; echo "pid 0 $?"
umount -N -1 /mnt/a; echo "negative $?"
umount --namespace '' /mnt/a; echo "empty $?"
touch /tmp/done
wait $pid; echo "inner $?"
