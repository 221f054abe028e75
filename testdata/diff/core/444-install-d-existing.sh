# install -d where mkdir fails: an existing directory only gets its mode,
# owner and group (and says it cannot change its permissions on a
# read-only mount), a missing one on a read-only mount is a failure to
# change permissions (gnulib's make_dir_parents), an ancestor that is a
# file is ENOTDIR, the directory itself as a file EEXIST.
mkdir -p /i/w/d /i/w/e /i/ro; chmod 700 /i/w/e; mount --bind -o ro /i/w /i/ro; cd /i
install -d ro/x; echo rc=$?; install -d ro/d; echo rc=$?; install -d ro/e; echo rc=$?; install -d -m 700 ro/e; echo rc=$?; install -d ro/x/y; echo rc=$?; install -d -o 1 ro/d; echo rc=$?
install -d -o 1 ro/x; echo rc=$?; touch w/f; install -d ro/f; echo rc=$?; install -d ro/f/g; echo rc=$?; install -D w/f ro/n/f; echo rc=$?; install -d w/f; echo rc=$?; install -d w/f/g; echo rc=$?
install -d -m 750 w/e; stat -c %a w/e; install -dv w/new/deep; install -d -o 2 -g 3 w/e; stat -c '%u %g %a' w/e; install -d w/e/; echo rc=$?; install -d /nonexist/../i/w/z; echo rc=$?; install -d ''; echo rc=$?
