#!/bin/sh
# /sbin/init of linuxvfs's default root image: it runs on the booted
# kernel as pid 1, with the console as its standard streams.
# The initramfs moved /dev, /proc and /sys here already.
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sysfs /sys
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs tmpfs /tmp
echo
echo "== $0 is pid $$; $(cat /etc/os-release | grep PRETTY_NAME)"
cat /etc/motd
echo
echo "== the mounts (findmnt)"
findmnt
echo
echo "== /dev, made by the kernel's kdevtmpfs"
ls /dev
echo
echo "== the root device (lsblk), and the filesystem on it"
lsblk /dev/vda
stat -f -c '%T' /
echo
echo "== the kernel log (dmesg | tail -4)"
dmesg | tail -4
echo
echo "== done: init syncs and powers the machine off (poweroff -f)"
poweroff -f
