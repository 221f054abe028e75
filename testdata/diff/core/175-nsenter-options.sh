# nsenter's options as util-linux 2.38 parses them, without a namespace
# of anyone else: the diagnostics of a missing target, a bad PID, files
# that cannot be opened (while the options are read), a namespace file
# of the wrong kind or the caller's own user namespace; where -m, -r, -w
# and -W leave the working directory; -S and -G alone; -Z without
# SELinux. setns into a mount namespace moves to its root, which must be
# the script's root on the kernel side too.
# kerneltest: switch-root
nsenter -w -W / true; echo rc=$?
nsenter -m true; echo rc=$?
nsenter -t x true; echo rc=$?
nsenter -t 99999999999999999999999 true; echo rc=$?
nsenter -t 999999 -m true; echo rc=$?
nsenter --mount=/nonexistent true; echo rc=$?
nsenter --mount=/nonexistent -t x true; echo rc=$?
nsenter -a true; echo rc=$?
nsenter -t $$ -U true; echo rc=$?
nsenter --user=/proc/self/ns/user true; echo rc=$?
nsenter --mount=/proc/$$/ns/user true; echo rc=$?
nsenter --user=/proc/self/ns/mnt true; echo rc=$?
nsenter -t $$ -m -S x true; echo rc=$?
nsenter --wdns </dev/null; echo rc=$?
nsenter -t $$ -m nosuchprog; echo rc=$?
nsenter --bogus; echo rc=$?
nsenter --pre -t $$ -m true; echo rc=$?
nsenter -t $$ -Z true; echo rc=$?
nsenter -t $$ -F -m -u -i pwd; echo rc=$?
mkdir -p /tmp/d/sub
cd /tmp/d
nsenter -t $$ -m pwd
nsenter -t $$ -r -w pwd
nsenter -t $$ -w/ pwd
nsenter -t $$ -r/ pwd
nsenter -t $$ -m -W /tmp/d/sub pwd
nsenter -t $$ -r/tmp -W /d pwd
nsenter --root=/tmp/d pwd; echo rc=$?
cd /
nsenter -t $$ -S 5 -G 6 sh -c 'id -u; id -g; id -G'; echo rc=$?
nsenter -G 7 sh -c 'id -g; id -G'; echo rc=$?
