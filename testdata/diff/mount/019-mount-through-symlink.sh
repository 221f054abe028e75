mkdir /real
ln -s /real /lnk
ln -s real /rel
mount -t tmpfs tmpfs /lnk; echo "mount on symlink $?"
cat /proc/self/mountinfo
touch /real/f; ls /lnk
mount -t tmpfs second /rel/; echo "mount on rel symlink $?"
findmnt -R -n -o TARGET,SOURCE /real
umount /lnk; echo "umount via symlink $?"
umount /rel; echo "umount via symlink $?"
mountpoint /real
