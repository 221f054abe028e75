# mount(2) reads one page of options and ends them at its last byte:
# whatever runs past 4095 bytes is cut without an error, even mid-value.
mkdir -p /mnt
pad() { i=0; s=; while [ $i -lt $1 ]; do s="${s}mode=755,"; i=$((i+1)); done; printf %s "$s"; }
show() { grep ' /mnt ' /proc/self/mounts | while read -r src mp typ opts rest; do
	echo "$src $typ ${opts##*mode=755,}"; done; }
for n in 452 453 454 500; do
	o="$(pad $n)size=123456"
	mount -t tmpfs -o "$o" t /mnt; echo "${#o} bytes: exit $?"
	show
	umount /mnt
done
o="$(pad 454)nr_inodes=77,size=1m"
mount -t tmpfs -o "$o" t /mnt; echo "cut inside a key: exit $?"
o="$(pad 453)nr_inodes=12345"
mount -t tmpfs -o "$o" t /mnt; echo "${#o} bytes: exit $?"
show
mount -o "remount,$(pad 453)size=1234567" /mnt; echo "remount: exit $?"
show
umount /mnt
s=$(printf '%04096d' 0)
mount -t tmpfs "$s" /mnt; echo "4096-byte source: exit $?"
mount -t tmpfs "${s#0}" /mnt; echo "4095-byte source: exit $?"
findmnt -n -o FSTYPE /mnt
umount /mnt
