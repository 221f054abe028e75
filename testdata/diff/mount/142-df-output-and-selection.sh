# df --output lists (order, repeats, unknown fields, with -i/-T/-P in
# either order), which mounts a full listing keeps (bind mounts of one
# device, a mount covered by another on the same target, -a showing the
# covered one as "-"), -t/-x/-l with a listing and with operands,
# --total with --output, and device-node and missing operands.
mkdir /m /m/a /m/b /m/c /m/s
mount -t tmpfs -o size=2m,nr_inodes=100 T1 /m/a
mount -t tmpfs -o size=4m,nr_inodes=200 T2 /m/b
mkdir /m/a/sub
head -c 100000 /dev/zero > /m/a/sub/f
mount --bind /m/a/sub /m/c
mount --bind /m/a /m/s
show() { grep -E '^(Filesystem|T[0-9]|-|total|Source|File)' | grep -v '^-.* /$' ; }
# Listings show other file systems too: keep to T* rows and no widths.
list() { df "$@" --output=source,fstype,target | grep '^T[0-9]' | tr -s ' '; }
echo "--- listing"
list
list -t tmpfs
list -l
echo "--- covered"
mount -t tmpfs -o size=1m,nr_inodes=50 T3 /m/b
list
list -a
df -a -t tmpfs --output=source,size,target | grep -E '^(T[0-9]|-)' | tr -s ' '
umount /m/b
echo "--- output"
for o in --output --output=source --output=target,source --output=file,size,avail \
	--output=itotal,iused,iavail,ipcent --output=pcent,fstype '--output=size --output=used' \
	'-h --output=size,used,avail,pcent' '-H --output=size' '-BM --output=size,avail' '--output=size -B 1000'; do
	echo "--- df $o"
	df $o /m/a /m/c/f /m/s
done
df --total --output=source,size,target /m/a /m/b | show
df --total --output=target,used /m/a /m/b | show
echo "--- errors"
for o in --output=bogus --output=size,size --output= '-i --output' '--output -i' '-T --output' '--output -T' \
	'-P --output' '--output -P' '-P -h --output' '-h -P --output' '-t tmpfs -x tmpfs' \
	'-t a -t b -x a -x b' '-t a -t b -x b -x a' '-t b -t a -x a -x b'; do
	df $o /m/a > /dev/null; echo "df $o: $?"
done
df /m/nothere /m/a; echo "missing: $?"
df /m/nothere; echo "only missing: $?"
df -t ext4 /m/a; echo "no type: $?"
df -x tmpfs /m/a; echo "excluded: $?"
df -l /m/a | show
