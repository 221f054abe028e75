# setpriv as the way to an unprivileged user: uid 1000 may still make a
# user namespace and map itself to root there (unshare -Ur), but not a
# mount namespace outside one; capabilities after each exec follow the
# user (none for uid 1000, all for root inside its namespace, the
# ambient set through --keep-caps); an unmapped namespace shows the
# overflow ids. setpriv -d inside shows what the namespace's root has.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
U="setpriv --reuid 1000 --regid 1000 --clear-groups"
$U unshare -Ur sh -c 'id -u; id -g; id -G; cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; setpriv -dd; grep -E "^(Uid|Gid|Groups|Cap|NoNew)" /proc/self/status'
echo rc=$?
$U unshare -U sh -c 'id -u; setpriv -d; grep Cap /proc/self/status'
echo rc=$?
$U sh -c 'grep -E "^(Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapAmb)" /proc/self/status; unshare -m true; echo rc=$?; unshare -r -m sh -c "id -u; echo in"; echo rc=$?'
$U unshare -Urm sh -c 'mount -t tmpfs t /tmp && echo mounted; umount /proc; echo umount=$?'
$U unshare -U --keep-caps grep Cap /proc/self/status
$U unshare -Ur --keep-caps setpriv --reuid 5 --regid 5 --clear-groups grep Cap /proc/self/status
$U unshare --map-user=1000 --map-group=1000 sh -c 'id -u; id -g; setpriv -d | head -6'
$U --groups 5,6 unshare -Ur sh -c 'id -G; setpriv -d | head -5'
$U --nnp unshare -Ur grep NoNew /proc/self/status
$U setpriv --reuid 0 true; echo rc=$?
$U setpriv --inh-caps +kill true; echo rc=$?
$U setpriv --bounding-set -kill true; echo rc=$?
$U setpriv --securebits +noroot true; echo rc=$?
