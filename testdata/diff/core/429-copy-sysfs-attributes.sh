# Copying and reading sysfs attributes, whose size (4096) is more than
# their text: cp (plain and -a, whose sparse copy takes the file to have
# shrunk where the data ended, not padding it to its size with zeros),
# install, dd, cat, cmp, md5sum, sort, split and the others read what is
# there; /proc files (size 0) likewise.
mkdir /m; mount -t tmpfs -o size=1m t /m; u=/sys/devices/virtual/mem/null/uevent
cp $u /m/u; wc -c /m/u; cp /proc/sys/kernel/ostype /m/o; wc -c /m/o; cp /proc/self/mounts /m/mt; grep -c ' /m ' /m/mt; cp -a $u /m/ua; wc -c /m/ua; ls -l /m/ua | cut -c1-10
dd if=$u of=/m/ud 2>/dev/null; wc -c /m/ud; cat $u > /m/uc; wc -c /m/uc; md5sum $u /m/u | cut -c1-8 | uniq | wc -l; cmp $u /m/u; echo rc=$?; od -c $u | tail -1
install -m 644 $u /m/ui; wc -c /m/ui; mv /m/u /m/u2; wc -c /m/u2; sort $u | wc -c; split -l 2 $u /m/sp; cat /m/sp* | wc -c
cksum $u; wc -c < $u; base64 $u | wc -c; head -c 9999 $u | wc -c; tee /m/t < $u | wc -c; cp /proc/self/status /m/st; grep -c '^Name:' /m/st
