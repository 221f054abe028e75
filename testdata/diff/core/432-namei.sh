# namei(1): each component of a pathname, symbolic links followed one
# level deeper (relative ones from their directory), -m/-o/-l/-v/-n/-x
# (mount points and / as 'D'), owner columns as wide as the widest name
# met so far, a missing component ending the list with its error, the
# limit of 20 links, and the usage errors.
mkdir -p /nm/a/b; mount -t tmpfs t /nm/a; mkdir -p /nm/a/b/c; ln -s b/c /nm/a/l; ln -s /nm/a/l /nm/abs; mkfifo /nm/a/b/p; touch /nm/a/b/c/f; cd /nm
namei a/l/f; namei -l a/l/f; namei -x /nm/a/b; namei -m abs; namei -o a/b/p; namei -n abs; namei -v a/l; namei -lx abs; namei nope; echo rc=$?; namei a/b/c/f/x; echo rc=$?
namei; echo rc=$?; namei a/b a/l; namei -l /; namei .; namei -l /dev/null; namei -x /proc/self/ns | sed 's/[0-9][0-9]*/N/'; ln -s loop loop; namei loop; echo rc=$?; ln -s dang d2; namei d2; echo rc=$?
namei ''; echo rc=$?; namei -Z /tmp; echo rc=$?; namei -l /nm/loop/x; echo rc=$?; ln -s a bb; namei -x bb; namei -x a/; namei -mo //nm//a//b/; chown 1:4 a/b/c; namei -l a/b/c/f nope a/b; echo rc=$?
namei -nl abs a/l; namei -xv /dev/pts /proc/sys 2>&1; namei -l . .. ../..; namei --bogus; echo rc=$?; ln -s ../nm/a rel; namei -x rel/l/f
