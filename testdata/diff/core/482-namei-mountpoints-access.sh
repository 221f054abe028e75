# namei -x: 'D' for a directory on another device than the component
# before it (or than PATH/.. where none is), or its own parent; a bind
# mount of the same filesystem stays 'd'. Then components a user may not
# look up ("Permission denied" lines), and -x giving up when PATH/.. cannot
# be stat'ed.
mkdir -p /tmp/n/mt /tmp/n/src/sub /tmp/n/bm /tmp/n/a/b; cd /tmp/n
mount -t tmpfs t mt; mkdir mt/in; mount --bind mt/in mt/in; mount --bind src bm
ln -s mt lmt; ln -s /tmp/n/mt/in abs; ln -s in mt/lin
namei -x bm/sub mt/in /tmp/n/mt lmt/in abs a/./b a/../a mt/.. mt/in/.. mt/lin/..; echo rc=$?
namei -x / /. /dev/null; cd mt; namei -x . .. ../mt; cd in; namei -x . ../in; cd /tmp/n
namei -lx mt/in; namei -xn lmt/in
mkdir -p priv/in nox/sub d2; touch priv/in/f file; chmod 700 priv; chmod 600 nox
ln -s nox/sub lnox; ln -s ../nox/sub d2/lk; ln -s priv/in lpriv
as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as namei -l priv/in/f priv file lpriv/f; echo rc=$?
as namei nox/sub nox; echo rc=$?
as namei -x file nox/sub file; echo rc=$?
as namei -x nox/; echo rc=$?
as namei -x lnox; echo rc=$?
as namei -x d2/lk file; echo rc=$?
