# A container runtime's mount sequence, as runc and crun make it: a
# private recursive slave of the host, the rootfs bound on itself, proc,
# a tmpfs /dev with devpts (newinstance, ptmxmode), shm and mqueue, a
# read-only sysfs, read-only binds of host files, masked and read-only
# paths, pivot_root with the old root lazily detached, then the table.
mount --make-rslave /
mkdir -p /tmp/c/rootfs /tmp/c/host
echo "search example" > /tmp/c/host/resolv.conf
mount -t tmpfs -o mode=755 rootfs /tmp/c/rootfs
R=/tmp/c/rootfs
mount --bind $R $R
mkdir -p $R/proc $R/dev $R/sys $R/etc $R/tmp $R/old
touch $R/etc/resolv.conf
for d in usr bin sbin lib lib64; do
	if [ -L /$d ]; then ln -s "$(readlink /$d)" $R/$d
	elif [ -d /$d ]; then mkdir $R/$d; mount --rbind -o ro /$d $R/$d
	fi
done
mount -t proc -o nosuid,nodev,noexec proc $R/proc
mount -t tmpfs -o nosuid,strictatime,mode=755,size=65536k tmpfs $R/dev
mkdir $R/dev/pts $R/dev/shm $R/dev/mqueue
mount -t devpts -o nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5 devpts $R/dev/pts
mount -t tmpfs -o nosuid,nodev,noexec,mode=1777,size=65536k shm $R/dev/shm
mount -t mqueue -o nosuid,nodev,noexec mqueue $R/dev/mqueue
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs $R/sys
mount --bind /tmp/c/host/resolv.conf $R/etc/resolv.conf
mount -o remount,bind,ro,nosuid,nodev $R/etc/resolv.conf
mknod -m 666 $R/dev/null c 1 3
ln -s /proc/self/fd $R/dev/fd
ln -s pts/ptmx $R/dev/ptmx
mount --bind $R/dev/null $R/proc/kcore
mount -t tmpfs -o ro tmpfs $R/proc/scsi 2>/dev/null || echo "no /proc/scsi"
mount --bind $R/proc/sys $R/proc/sys
mount -o remount,bind,ro $R/proc/sys
cd $R
pivot_root . old
echo "pivot: $?"
mount --make-rslave /old
umount -l /old
echo "umount old: $?"
cd /
rmdir /old
findmnt -o TARGET,FSTYPE,OPTIONS | grep -v '/usr '
cat /etc/resolv.conf
echo x > /etc/resolv.conf; echo "write: $?"
echo 1 > /proc/sys/kernel/hostname; echo "proc/sys: $?"
stat -c '%A %n' /dev/* | sort
cat /proc/kcore | wc -c
stat -c '%a %U %G' /dev/pts/ptmx
