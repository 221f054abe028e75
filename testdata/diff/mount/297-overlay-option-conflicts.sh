# How overlayfs options combine, as mountinfo shows the result or the
# mount fails: data-only layers after "::" (a regular layer may not
# follow one), a file as a layer, uuid=on without an upper layer
# (null), metacopy with redirect_dir, nfs_export with index=off or
# metacopy, userxattr with redirect_dir or metacopy, and an upper layer
# on a read-only mount.
cd /tmp
mkdir -p l1 l2 l3 u w m f; touch fi
t() { mount -t overlay overlay -o "$1" m; echo "rc=$?"; findmnt -n -o OPTIONS m; umount m 2>/dev/null; }
t lowerdir=l1::l2:l3
t lowerdir=l1::l2::l3
t lowerdir=fi:l1
t lowerdir=l1:l2,uuid=on
t lowerdir=l1,upperdir=u,workdir=w,metacopy=on,redirect_dir=follow
t lowerdir=l1,upperdir=u,workdir=w,metacopy=on,redirect_dir=on
t lowerdir=l1,upperdir=u,workdir=w,nfs_export=on,index=off
t lowerdir=l1,upperdir=u,workdir=w,nfs_export=on,metacopy=on
t lowerdir=l1,upperdir=u,workdir=w,userxattr,redirect_dir=on
t lowerdir=l1,upperdir=u,workdir=w,userxattr,metacopy=on
t lowerdir=l1,upperdir=u,workdir=w,redirect_dir=off,metacopy=on
t lowerdir=l1:l2,nfs_export=on
mount -o remount,ro /tmp; t lowerdir=l1,upperdir=u,workdir=w; mount -o remount,rw /tmp
