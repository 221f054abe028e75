# User namespaces nest 33 deep below the initial one (create_user_ns
# refuses a parent deeper than 32: ENOSPC). tmpfs's uid= and gid= are read
# in the mounter's user namespace: an id it does not map is a bad value.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
cat > /k/nest.sh <<'EOS'
n=${1:-0}
if ! unshare -U true 2>/dev/null; then echo "unshare -U fails at depth $n"; exit; fi
exec unshare -Ur sh /k/nest.sh $((n+1))
EOS
sh /k/nest.sh
mkdir /k/m
unshare -Urm sh -c '
mount -t tmpfs -o uid=0,gid=0 t /k/m; echo "ids 0 $?"; findmnt -no OPTIONS /k/m; umount /k/m
mount -t tmpfs -o uid=5 t /k/m; echo "uid 5 $?"
mount -t tmpfs -o gid=6 t /k/m; echo "gid 6 $?"
' 2>&1
unshare -U --map-user=7 --map-group=8 -m sh -c '
mount -t tmpfs -o uid=7,gid=8 t /k/m; echo "mapped 7:8 $?"; findmnt -no OPTIONS /k/m; stat -c "%u %g" /k/m
touch /k/m/f; stat -c "%u %g" /k/m/f
' 2>&1
