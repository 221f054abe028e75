# mount tells an empty operand from a missing one: "" is a target (or a
# source) that mount(2) gets as it is, and messages name it as "".
mkdir /m
mount ""; echo "empty target alone $?"
mount -t tmpfs "" ""; echo "both empty $?"
mount --bind "" /m; echo "bind of an empty source $?"
mount -t tmpfs t ""; echo "empty target $?"
mount -o remount ""; echo "remount of an empty target $?"
mount --make-private ""; echo "propagation of an empty target $?"
mount --target ""; echo "--target empty $?"
cat /proc/self/mountinfo
