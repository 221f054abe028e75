# unshare, chroot, pivot_root and mountpoint parse their options by
# getopt_long's rules with util-linux 2.38's (and coreutils 9.1's) tables:
# the same diagnostics for unknown, ambiguous and incomplete options, the
# same exit statuses (chroot's usage errors are 125), and -h/-V where the
# tool has them. unshare's short namespace options take no argument.
unshare --bogus; echo $?
unshare -Z; echo $?
unshare --propagation; echo $?
unshare --propagation=foo true; echo $?
unshare --setgroups=x true; echo $?
unshare --mo=x true; echo $?
unshare --m true; echo $?
unshare --k true; echo $?
unshare --s true; echo $?
unshare --p true; echo $?
unshare -mx true; echo $?
unshare -S x true; echo $?
unshare -G; echo $?
unshare --monotonic=5 true; echo $?
unshare -h >/dev/null; echo $?
unshare --ver >/dev/null; echo $?
unshare -m -S 5 -G 7 sh -c 'id -u; id -g; id -G'; echo $?
unshare -m --propagation unchanged -- true; echo $?
chroot --bogus; echo $?
chroot -x; echo $?
chroot -h; echo $?
chroot --userspec; echo $?
chroot; echo $?
chroot --he >/dev/null; echo $?
chroot --skip-chdir /tmp true; echo $?
chroot --us=1:1 / id -u; echo $?
pivot_root -x; echo $?
pivot_root a; echo $?
pivot_root -V >/dev/null; echo $?
mountpoint -Z; echo $?
mountpoint; echo $?
mountpoint -h >/dev/null; echo $?
mountpoint --nofollow -x /; echo $?
mountpoint --no /; echo $?
mountpoint -q -- /; echo $?
