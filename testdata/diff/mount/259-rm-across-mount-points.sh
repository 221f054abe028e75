# rm -r through mount points, as when a chroot or container directory
# with bind mounts inside is removed: without --one-file-system rm
# descends into a mount and removes what is there (the bound directory's
# files), then fails to remove the mount point (EBUSY); with it, a mount
# point with entries is skipped, but an empty one is still tried (EBUSY),
# since rm removes an empty directory before fts would skip it.
# --preserve-root=all refuses only an operand that is a mount point.
mount -t tmpfs top /mnt; mkdir -p /mnt/c/etc /mnt/c/empty /mnt/c/full /tmp/hostetc /tmp/e /tmp/f
touch /tmp/hostetc/passwd /tmp/f/x /mnt/c/file
mount --bind /tmp/hostetc /mnt/c/etc
mount --bind /tmp/e /mnt/c/empty
mount --bind /tmp/f /mnt/c/full
rm -r --one-file-system /mnt/c; echo "one-file-system $?"
ls -A /mnt/c /tmp/hostetc /tmp/f
rm -rf --one-file-system /mnt/c; echo "-f one-file-system $?"
rm -r --preserve-root=all /mnt/c; echo "preserve-root=all $?"
ls -A /mnt/c /tmp/hostetc /tmp/f
rm -r --preserve-root=all /mnt/c/etc; echo "operand is a mount $?"
rm -r --one-file-system /mnt/c/etc; echo "operand, one-file-system $?"
touch /tmp/f/y
rm -rv /mnt/c; echo "plain $?"
ls -A /mnt/c /tmp/f
