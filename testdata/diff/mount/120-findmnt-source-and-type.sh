mkdir /a /b /c
mount -t tmpfs alpha /a
mount -t tmpfs beta /b
mount -t ramfs alpha /c
findmnt -S alpha; echo "-S $?"
findmnt --source beta; echo "--source $?"
findmnt -t ramfs; echo "-t ramfs $?"
findmnt -t tmpfs -S alpha; echo "-t -S $?"
findmnt alpha; echo "source as argument $?"
findmnt -O size=1m; echo "no such option $?"
findmnt -t proc -o TARGET,SOURCE; echo "proc $?"
