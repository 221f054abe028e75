# sharedsubtree.rst 4B with /r standing in for /.
mkdir -p /r/myprivatetree /r/pub
mount --bind /r /r
mount --make-rshared /r
unshare -m --propagation unchanged sh -c '
mount --make-rslave /r/myprivatetree 2>&1; echo "rslave of a non-mount $?"
mount --bind /r/myprivatetree /r/myprivatetree
mount --make-rslave /r/myprivatetree
mkdir /r/myprivatetree/in /r/pub/in
mount -t tmpfs private /r/myprivatetree/in
mount -t tmpfs public /r/pub/in
echo "== inside"
cat /proc/self/mountinfo'
echo "== outside"
cat /proc/self/mountinfo
