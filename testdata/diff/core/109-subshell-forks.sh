# A subshell is a forked process: descriptors it closes or opens, its
# working directory and umask stay in it; a mount its cwd was in is not
# busy once it ended; set -x shows the script's own commands only.
echo x > /tmp/sf; exec 3</tmp/sf
(exec 3<&-); cat <&3
(exec 5</tmp/sf); cat <&5; echo rc=$?
(cd /tmp; umask 077; umask; pwd); umask
mkdir -p /tmp/sm; mount -t tmpfs t /tmp/sm
(cd /tmp/sm; exec 4</tmp/sf); umount /tmp/sm; echo umount=$?
( (exit 4); echo in=$? ); echo out=$?
! (false); echo neg=$?
f() ( cd /; exit 7 ); f; echo fn=$?
(echo a; echo b) | (cat; cat)
(set -x; umask 077; exec 6>/tmp/sx; (cd /tmp))
(set -e; (cd /tmp; false); echo no); echo errexit=$?
