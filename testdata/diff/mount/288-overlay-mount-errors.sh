# overlayfs's option checks and mount(8)'s words for them: no lowerdir,
# upperdir without workdir, a single lowerdir without an upper layer,
# workdir inside upperdir, upper and work on different mounts, a layer
# used twice (ELOOP), a missing directory (ENOENT), an unknown option or
# value (EINVAL), lowerdir+ after lowerdir, data-only layers alone (and
# one after "::", allowed), and the last lowerdir= winning.
cd /tmp
mkdir -p l1 l2 u w m o/w
mount -t tmpfs t o
t() { mount -t overlay overlay -o "$1" m; echo "rc=$?"; umount m 2>/dev/null; }
t upperdir=u,workdir=w
t lowerdir=l1,upperdir=u
t lowerdir=l1
t lowerdir=l1,upperdir=u,workdir=u
t lowerdir=l1,upperdir=u,workdir=o
t lowerdir=l1,upperdir=u,workdir=l1
t lowerdir=u,upperdir=u,workdir=w
t lowerdir=l1:l1
t lowerdir=nope,upperdir=u,workdir=w
t lowerdir=l1,upperdir=u,workdir=nope
t lowerdir=l1,upperdir=u,workdir=w,bogus
t lowerdir=l1,upperdir=u,workdir=w,redirect_dir=maybe
t lowerdir=l1,lowerdir+=l2,upperdir=u,workdir=w
t lowerdir=:l1,upperdir=u,workdir=w
t datadir+=l1,datadir+=l2
t lowerdir=l1::l2
mount -t overlay overlay -o lowerdir=l1,lowerdir=l2,upperdir=u,workdir=w m; echo "rc=$?"
findmnt -n -o OPTIONS m; umount m
