# FS_NOATIME_FL stops atime updates even on a strictatime mount; a
# tmpfs directory passes nodump and noatime (not immutable or append-only)
# to what is made in it afterwards, files, directories and links alike.
# Through overlayfs the flags are the real object's; a change copies up
# first, and a copy-up keeps the lower object's noatime (not nodump).
mkdir /w; mount -t tmpfs -o strictatime w /w; cd /w
echo hi > f; touch -a -d 2020-01-01 f
chattr +A f; cat f >/dev/null; stat -c %X f
chattr -A f; cat f >/dev/null; [ "$(stat -c %X f)" != 1577836800 ] && echo updated
mkdir n; touch n/before; chattr +dAi n; chattr -i n; chattr +a n
touch n/a; mkdir n/b; mkfifo n/p; touch n/b/deep
lsattr n n/b; lsattr -d n
touch -a -d 2020-01-01 n/a; cat n/a; stat -c %X n/a
chattr -R -adA /w; lsattr -R n
mkdir l u o m; echo lo > l/f; echo lo > l/g; echo lo > l/h; chattr +dA l/f l/g
mount -t overlay o -o lowerdir=l,upperdir=u,workdir=o m
lsattr m; chattr +S m/g; echo "rc=$?"; echo more >> m/f; lsattr l u
chattr +i m/h; echo x >> m/h; echo "rc=$?"; chattr -i m/h; lsattr u/h
umount m; chattr -R = l u; cd /; umount /w
