# swapon -a and swapoff -a over an fstab bound on /etc/fstab, naming loop
# devices of images in the scenario's tmpfs by LABEL=, UUID= (with pri=)
# and path: noauto, nofail, missing paths and labels, -e, areas already
# active, -L and -U, swapoff -a's reverse order and its quiet pass over
# fstab. The areas run only when no other swap is active (swapoff -a
# would turn that off too), and all are off at the end.
mkdir /w; mount -t tmpfs w /w; cd /w
mkdir -p /etc 2>/dev/null; [ -e /etc/fstab ] || : > /etc/fstab
truncate -s 1M i1 i2 i3 i4
d1=$(losetup -f --show /w/i1); d2=$(losetup -f --show /w/i2); d3=$(losetup -f --show /w/i3); d4=$(losetup -f --show /w/i4)
mkswap -L one -U 11111111-2222-3333-4444-555555555555 "$d1" >/dev/null
mkswap -U 21111111-2222-3333-4444-555555555555 "$d2" >/dev/null
mkswap -L three "$d3" >/dev/null
mkswap -L four "$d4" >/dev/null
cat > /w/fstab <<EOT
LABEL=one none swap sw 0 0
UUID=21111111-2222-3333-4444-555555555555 none swap sw,pri=3 0 0
$d3 none swap noauto 0 0
/w/missing none swap sw 0 0
/w/missing2 none swap sw,nofail 0 0
LABEL=nolabel none swap sw 0 0
t /w/m tmpfs defaults 0 0
EOT
mount --bind /w/fstab /etc/fstab
if [ "$(wc -l < /proc/swaps)" -eq 1 ]; then
swapon -a; echo $?
cat /proc/swaps
swapon -a; echo $?
swapon -a -e; echo $?
swapon -L four; echo $?
swapon -U 21111111-2222-3333-4444-555555555555; echo $?
swapon -L nolabel; echo $?
swapoff -L four; echo $?
swapoff -U 11111111-2222-3333-4444-555555555555; echo $?
swapoff -L nolabel; echo $?
swapon "$d1" "$d3"; echo $?
swapoff -a -v; echo $?
cat /proc/swaps
swapoff -a; echo $?
fi
umount /etc/fstab
losetup -d "$d1" "$d2" "$d3" "$d4"
