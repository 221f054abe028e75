# findmnt takes an empty target as libmount looks it up: the root's mount
# (findmnt "", -T "" and -M "" show /, whatever the working directory),
# and an empty source as naming no mount (-S "" finds nothing, status 1).
mkdir -p /mnt/e
mount -t tmpfs t /mnt/e
cd /mnt/e
findmnt "" -n -o TARGET; echo "rc=$?"
findmnt -n -o TARGET "" /; echo "rc=$?"
findmnt -T "" -n -o TARGET; echo "rc=$?"
findmnt -M "" -n -o TARGET; echo "rc=$?"
findmnt -S "" -n -o TARGET; echo "rc=$?"
findmnt "" -o TARGET,FSTYPE
