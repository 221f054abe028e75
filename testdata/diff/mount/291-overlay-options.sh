# The options mountinfo shows for overlays and what they imply
# (userxattr: redirect_dir=nofollow; metacopy: redirect_dir=on;
# nfs_export: index=on; volatile: fsync=volatile), the index directory
# index=on makes beside "work", and an upper or work directory another
# overlay uses: refused (EBUSY) with index=on, else allowed (a warning
# in the kernel log).
cd /tmp
mkdir -p l m m2
n=0
t() { n=$((n+1)); mkdir u$n w$n; mount -t overlay overlay -o "lowerdir=l,upperdir=u$n,workdir=w$n$1" m || return; findmnt -n -o OPTIONS m; umount m; }
t ,userxattr
t ,metacopy=on
t ,nfs_export=on
t ,index=on
t ,redirect_dir=on
t ,redirect_dir=nofollow
t ,redirect_dir=off
t ,uuid=off
t ,uuid=null
t ,xino=on
t ,default_permissions
t ,volatile
ls -A w4 w4/index w4/work
mkdir ua wa ub wb
mount -t overlay o1 -o lowerdir=l,upperdir=ua,workdir=wa,index=on m; echo "rc=$?"
mount -t overlay o2 -o lowerdir=l,upperdir=ua,workdir=wb,index=on m2; echo "rc=$?"
mount -t overlay o2 -o lowerdir=l,upperdir=ub,workdir=wb,index=on m2; echo "rc=$?"
umount m2
mount -t overlay o2 -o lowerdir=l,upperdir=ua,workdir=wb m2; echo "rc=$?"
findmnt -n -o SOURCE,TARGET m2
umount m2; umount m
