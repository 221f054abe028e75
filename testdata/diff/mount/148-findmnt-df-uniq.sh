# findmnt -D/--df (SOURCE FSTYPE SIZE USED AVAIL USE% TARGET, statfs of
# the path so a shadowed mount shows the one on top, tmpfs kept and
# other pseudo file systems dropped unless -A), -U/--uniq (the last
# entry of a target, the tree kept), and -S MAJOR:MINOR.
mkdir -p /mnt
mount -t tmpfs -o size=1m top /mnt
mkdir -p /mnt/a /mnt/b /mnt/c /mnt/d
mount -t tmpfs -o size=2m 'a b' /mnt/a
head -c 300000 /dev/zero > /mnt/a/f
mount -t proc proc /mnt/b
mount --bind /mnt/a /mnt/c
mount -t ramfs ram /mnt/d
mount -t tmpfs -o size=3m over /mnt/a
findmnt -D -R /mnt; echo "df $?"
findmnt -D /mnt/a; findmnt --df /mnt/b; echo "df proc $?"; findmnt -D -A /mnt/b
findmnt -D -t ramfs /mnt/d; echo "df ramfs $?"; findmnt -D -A -t ramfs /mnt/d
findmnt --df -o TARGET,SIZE -R /mnt; findmnt -D -b -R /mnt; findmnt -D -J /mnt/c
findmnt -D --tree -R /mnt; findmnt -D -t proc -R /mnt; echo "df none $?"
findmnt -D -n -o USE% /mnt/c
echo --- uniq
findmnt -U -R /mnt; findmnt -U -R /mnt -o TARGET,SOURCE; findmnt -U /mnt/a
findmnt -R /mnt -l -U; findmnt --uniq -D -R /mnt; findmnt -R /mnt -o TARGET,SOURCE
mount --bind /mnt/a /mnt/a; findmnt -U -R /mnt -o TARGET,SOURCE; umount /mnt/a
echo --- devno
d=$(mountpoint -d /mnt/a)
findmnt -S "$d" -o TARGET,SOURCE; findmnt -n -o SOURCE "$d"; findmnt -S "$d" -f -n -o TARGET
findmnt -S 4095:1048575; echo "none $?"; findmnt -S 1:2:3; echo "bad $?"
findmnt -n -o TARGET,SOURCE "$(mountpoint -d /mnt/c)" /mnt/c
