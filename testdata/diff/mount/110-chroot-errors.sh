mkdir /empty
touch /f
chroot /nosuch; echo "missing $?"
chroot /f; echo "file $?"
chroot /empty; echo "no shell $?"
chroot /empty /bin/true; echo "no command $?"
chroot /empty echo hi; echo "relative command $?"
