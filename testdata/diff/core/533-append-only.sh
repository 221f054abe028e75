# An append-only inode (chattr +a) takes appends only: open without
# O_APPEND or with O_TRUNC, truncate, removal, renaming, links, chmod,
# chown and given times are EPERM, times set to now are allowed; an
# append-only directory lets entries be added but not removed or renamed.
# A descriptor opened in append mode writes; fallocate needs a writable
# open the flag refuses.
mkdir /w; mount -t tmpfs w /w; cd /w
echo hi > f; echo t > t; mkdir d; touch d/x
chattr +a f; lsattr f
echo y >> f; echo "rc=$?"; echo y > f; echo "rc=$?"
exec 3>>f; echo fd >&3; exec 3>&-
rm f; echo "rc=$?"; mv f g; echo "rc=$?"; mv t f; echo "rc=$?"; ln f h; echo "rc=$?"
chmod 600 f; echo "rc=$?"; chown 1 f; echo "rc=$?"
touch f; echo "rc=$?"; touch -d 2020-01-01 f; echo "rc=$?"; touch -m -d 2020-01-01 f; echo "rc=$?"
truncate -s 0 f; echo "rc=$?"; fallocate -l 8192 f; echo "rc=$?"
cat f
chattr -a f; chattr +a d
touch d/y; echo "rc=$?"; mkdir d/sub; echo "rc=$?"; echo z >> d/x; echo "rc=$?"
rm d/y; echo "rc=$?"; mv d/x d/z; echo "rc=$?"; rmdir d/sub; echo "rc=$?"; mv t d/x; echo "rc=$?"
ls d
chattr -R -a /w; rm -r d; ls; cd /; umount /w
