# An fstab bound over /etc/fstab: mount -a (noauto skipped, a bind line),
# mount by target, -fav's report, -O, findmnt --verify and -s.
mkdir -p /f1 /f2 /f3 /w
mount -t tmpfs w /w
[ -e /etc/fstab ] || : > /etc/fstab
cat > /w/fstab <<'EOT'
# test fstab
tmpf1  /f1  tmpfs  size=1m,mode=0755  0 0
tmpf2  /f2  tmpfs  noauto,size=2m     0 0
/f1    /f3  none   bind               0 0
EOT
mount --bind /w/fstab /etc/fstab
mount -a; echo "a=$?"
findmnt -o TARGET,SOURCE,OPTIONS -t tmpfs | grep -E 'f[123]'
findmnt -o TARGET,SOURCE /f3
mount /f2; echo "f2=$?"
findmnt -no SOURCE,SIZE /f2
umount /f2 /f3 /f1
mount -fav
mount -a -O noauto; echo $?
findmnt --verify; echo "verify=$?"
findmnt -s -o TARGET,SOURCE,FSTYPE
umount /etc/fstab
