# id with a user database of its own (bound over /etc/passwd and
# /etc/group on both sides) and inside user namespaces: names for the
# overflow ids, the groups a user is a member of, the groups of a process
# that entered a namespace with unmapped supplementary groups, every
# option, users by name and number.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
mkdir -p /tmp/ids
printf 'root:x:0:0:root:/root:/bin/sh\nu1:x:1000:1000::/home/u1:/bin/sh\nu2:x:1001:2000::/home/u2:/bin/sh\nnobody:x:65534:65534::/nonexistent:/bin/false\n' > /tmp/ids/passwd
printf 'root:x:0:\nwheel:x:10:u1,root\nu1:x:1000:\nextra:x:2000:u1\nnogroup:x:65534:\nsecond:x:3000:u2,u1\n' > /tmp/ids/group
[ -e /etc/passwd ] || { mkdir -p /etc; : > /etc/passwd; : > /etc/group; }
mount --bind /tmp/ids/passwd /etc/passwd
mount --bind /tmp/ids/group /etc/group
id; id root; id u1; id u2; id 1000; id 1001; id 4242; id nosuch; id ''; id u1 u2
id -G u1; id -Gn u1; id -gn u2; id -un 1001; id -rG u1; id -Gz u1 u2 | tr '\0' '|'; echo
for o in -u -g -G -un -gn -Gn -ur -gr -Gr -unr -z -uz -Gz -Gnz -n -r; do echo "== $o"; id $o; echo " rc=$?"; done
setpriv --reuid 1000 --regid 1000 --init-groups id
setpriv --reuid u1 --regid u1 --init-groups id
setpriv --reuid u2 --regid extra --groups wheel,second id
setpriv --reuid 4242 --regid 1 --init-groups id; echo rc=$?
setpriv --reuid 1000 --reset-env env
setpriv --reuid 1000 --regid 1000 --clear-groups unshare -Ur sh -c 'id; for o in -u -g -G -un -gn -Gn -ur -gr -Gr; do id $o; done; id u1; id root'
setpriv --reuid 1000 --regid 1000 --init-groups unshare -Ur sh -c 'id; id -G; id -Gn; cat /proc/self/setgroups; grep Groups /proc/self/status'
setpriv --reuid 1000 --regid 1000 --init-groups unshare -U sh -c 'id; id -Gn; id -un; id -gn; id -unr'
unshare -U sh -c 'id; id -un; id -G; id -Gn'
unshare --map-user=1000 --map-group=2000 sh -c 'id; id -n -u; id -Gn'
unshare --map-user=u1 --map-group=extra id
unshare --map-user=nosuch true; echo rc=$?
unshare --map-group=nosuch true; echo rc=$?
