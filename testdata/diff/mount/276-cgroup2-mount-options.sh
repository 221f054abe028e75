# cgroup2's mount options belong to the one hierarchy: a mount from the
# initial cgroup namespace sets them all (shown in mountinfo and findmnt
# in the kernel's order, on every mount of it) and clears those it does
# not give; an unknown option fails with mount(8)'s message. The host's
# hierarchy is shared with this scenario: its options are read first and
# put back at the end.
mkdir -p /mnt/cg /mnt/o /mnt/p
mount -t cgroup2 none /mnt/cg
orig=$(findmnt -no FS-OPTIONS /mnt/cg)
mount -t cgroup2 -o nsdelegate,memory_recursiveprot,favordynmods,memory_localevents,memory_hugetlb_accounting opts /mnt/o; echo "options $?"
grep ' /mnt/o ' /proc/self/mountinfo | cut -d' ' -f4-
findmnt -no FS-OPTIONS /mnt/cg
mount -t cgroup2 -o bogus x /mnt/p; echo "bogus $?"
mount -t cgroup2 -o memory_localevents,ro plain /mnt/p; echo "plain $?"
findmnt -no OPTIONS,FS-OPTIONS /mnt/p
grep ' /mnt/o ' /proc/self/mountinfo | cut -d' ' -f4-
mount -t cgroup2 -o nsdelegate,memory_recursiveprot,favordynmods,memory_localevents,memory_hugetlb_accounting opts /mnt/o; echo "options $?"
umount /mnt/o /mnt/p
mount -o remount,nsdelegate /mnt/cg; echo "remount $?"
findmnt -no FS-OPTIONS /mnt/cg
mount -t cgroup2 -o "$orig" restore /mnt/p
[ "$(findmnt -no FS-OPTIONS /mnt/cg)" = "$orig" ] && echo "restored"
umount /mnt/p /mnt/cg
