# findmnt -s and -F: fstab files listed (never as a tree), their parse
# errors, FREQ/PASSNO and the option split, filters, a missing file.
mkdir -p /etc 2>/dev/null; [ -e /etc/fstab ] || : > /etc/fstab
cat > /tmp/tab <<'EOT'
# comment
LABEL=root / ext4 defaults 0 1
/dev/sda2	/home	ext4	rw,noatime,x-foo=1	0	2

tmpfs /tmp tmpfs size=1m,noauto
proc /proc proc
bad line
/x/y\040z /mnt/a\040b none bind 1
EOT
findmnt -F /tmp/tab; echo "list $?"
findmnt -F /tmp/tab --tree -n; echo "tree $?"
findmnt -F /tmp/tab -J -o TARGET,OPTIONS,FREQ,PASSNO,ID,PROPAGATION,MAJ:MIN
findmnt -F /tmp/tab -P -o TARGET,VFS-OPTIONS,FS-OPTIONS,FSROOT
findmnt -F /tmp/tab -t tmpfs; echo "type $?"
findmnt -F /tmp/tab /home; echo "target $?"
findmnt -F /tmp/tab -S /dev/sda2 -o TARGET; echo "source $?"
findmnt -F /tmp/tab LABEL=root -n; echo "tag $?"
findmnt -F /tmp/tab -f -n -o TARGET; echo "first $?"
findmnt -F /tmp/tab -R / -n; echo "submounts $?"
findmnt -F /tmp/tab /nonexistent; echo "none $?"
findmnt -F /tmp/tab -F /tmp/tab -t proc -n; echo "twice $?"
findmnt -F /tmp/nofile; echo "missing $?"
: > /tmp/empty
findmnt -F /tmp/empty; echo "empty $?"
mount --bind /tmp/tab /etc/fstab
findmnt -s -n -o TARGET,SOURCE; echo "fstab $?"
findmnt -s -l /proc; echo "fstab target $?"
findmnt -s -m; echo "exclusive $?"
umount /etc/fstab
