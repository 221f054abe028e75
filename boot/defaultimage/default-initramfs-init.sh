#!/bin/sh
# /init of linuxvfs's built-in initramfs: it runs first, as pid 1, from
# the rootfs the kernel unpacked it into; it mounts the root image and
# hands over to that image's /sbin/init.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "initramfs: $0 is pid $$ on $(stat -f -c %T /); disks: $(ls /sys/block | grep vd)"
mount -o ro -t squashfs /dev/vda /newroot
# busybox's switch_root moves no mounts: bring them along first.
for fs in dev proc sys; do mount --move /$fs /newroot/$fs; done
exec switch_root /newroot /sbin/init
