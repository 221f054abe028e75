# FS_NOATIME_FL stops atime updates even on a strictatime mount; a
# tmpfs directory passes nodump and noatime (not immutable or append-only)
# to what is made in it afterwards, files, directories and links alike.
mkdir /w; mount -t tmpfs -o strictatime w /w; cd /w
echo hi > f; touch -a -d 2020-01-01 f
chattr +A f; cat f >/dev/null; stat -c %X f
chattr -A f; cat f >/dev/null; [ "$(stat -c %X f)" != 1577836800 ] && echo updated
mkdir n; touch n/before; chattr +dAi n; chattr -i n; chattr +a n
touch n/a; mkdir n/b; mkfifo n/p; touch n/b/deep
lsattr n n/b; lsattr -d n
touch -a -d 2020-01-01 n/a; cat n/a; stat -c %X n/a
chattr -R -adA /w; lsattr -R n; cd /; umount /w
