# cp of a device or fifo without -R reads it like a file (copy_as_regular):
# "cp /dev/null f" empties f and makes no device node, a fifo's data is
# copied; -R, -a, -P and -d still recreate the node; a symbolic link to a
# device is followed as usual.
mkdir /w; cd /w; echo hi > a; cp /dev/null a; stat -c '%A %s %n' a; cp /dev/null newf; stat -c '%A %s %n' newf; cp -R /dev/null r; ls -l r | cut -c1-10,20-25
cp -v /dev/null v; cp -a /dev/null aa; stat -c '%n %F' aa; cp -r /dev/zero rz; stat -c '%n %F %t %T' rz; cp -P /dev/null p; stat -c '%n %F' p; cp -d /dev/null dd; stat -c '%n %F' dd
ln -s /dev/null ln; cp ln lnc; stat -c '%n %F' lnc; cp -P ln lnp; stat -c '%n %F' lnp; mkfifo ff; cp -r ff ffr; stat -c '%n %F' ffr
echo data > t; cp /dev/null t; wc -c t; cp /proc/sys/kernel/ostype o; cat o; mkdir dir; cp /dev/null dir/; ls -l dir | cut -c1-10; cp -r /dev/null dir/n2; stat -c '%F' dir/n2
(sleep 0.2; echo through > ff) & cp ff fcopy; cat fcopy; wait
mkdir -p /m; mount -t tmpfs -o size=64k,nr_inodes=4 t /m; cd /m; touch a b c; cp /dev/null a; dd if=/dev/zero of=a bs=1k count=100 2>&1 | head -1; echo rc=$?; ls -s
