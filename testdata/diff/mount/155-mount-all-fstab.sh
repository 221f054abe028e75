# mount -a over an fstab bound on /etc/fstab: noauto, swap, -t and -O
# filters, entries already mounted, failures and the 0/32/64 statuses,
# -f, parse errors, and umount -a -t with -v.
mkdir -p /etc 2>/dev/null; [ -e /etc/fstab ] || : > /etc/fstab
cat > /tmp/fstab <<'EOT'
# comment
t1 /tmp/fa/m1 tmpfs size=1m 0 0
t2 /tmp/fa/m2 tmpfs noauto 0 0

t3   /tmp/fa/m3  tmpfs  defaults,ro
/dev/nonexist /tmp/fa/m4 squashfs defaults 0 0
t5 /tmp/fa/m5 ramfs defaults 0 0
none swap swap sw 0 0
t6 /tmp/fa/m6 tmpfs mode=700,uid=0 0 0
bad
two /fields
t7 /tmp/fa/nodir tmpfs defaults 0 0
EOT
mount --bind /tmp/fstab /etc/fstab
mkdir -p /tmp/fa/m1 /tmp/fa/m2 /tmp/fa/m3 /tmp/fa/m4 /tmp/fa/m5 /tmp/fa/m6
mount -a; echo rc=$?
findmnt -n -o TARGET,SOURCE,FSTYPE -R /tmp | sort
mount -av; echo rc=$?
umount /tmp/fa/m1 /tmp/fa/m3 /tmp/fa/m5 /tmp/fa/m6
mount -a -t ramfs -v; echo rc=$?
mount -a -O ro -v; echo rc=$?
mount -a -t notmpfs -v; echo rc=$?
mount -a -O no_netdev -v; echo rc=$?
mount -fav; echo rc=$?
mount /tmp/fa/m2; echo rc=$?
findmnt -n -o TARGET,SOURCE,FSTYPE,OPTIONS /tmp/fa/m2
umount -a -t ramfs; echo rc=$?
findmnt -n -o TARGET -R /tmp | sort
