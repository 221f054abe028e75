# findmnt's list formats: -l, -r, -P, -J, -n, -y, column lists with '+'.
mkdir -p /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a
mount -t tmpfs -o size=2m,mode=700 'a b' /mnt/a
findmnt -l -R /mnt -o TARGET,SOURCE,FSTYPE,PROPAGATION
findmnt -r -n -R /mnt -o TARGET,SOURCE
findmnt -P -R /mnt -o TARGET,SOURCE,USE%
findmnt -P -y -R /mnt -o TARGET,USE%,FSTYPE
findmnt -J -l -R /mnt -o TARGET,SOURCE,FREQ,PASSNO
findmnt -o +SIZE,AVAIL /mnt/a
findmnt -b -J -o TARGET,SIZE /mnt/a
findmnt -o TARGET,BOGUS /mnt; echo "bad column $?"
findmnt -J -n -o TARGET /nonexistent; echo "no match $?"
