# An immutable inode (chattr +i, FS_IMMUTABLE_FL on tmpfs) refuses, with
# EPERM: opening for writing, truncation, removal, renaming as source or
# target, hard links, chmod, chown, setting times (to now or given); an
# immutable directory refuses new entries, removals and renames within,
# and its own removal. Reading still works; the flag is cleared at the
# end so that the tmpfs goes away clean.
mkdir /w; mount -t tmpfs w /w; cd /w
echo hi > f; echo t > t; mkdir d e; touch d/x
chattr +i f; lsattr f
echo x >> f; echo "rc=$?"; echo x > f; echo "rc=$?"
rm f; echo "rc=$?"; mv f g; echo "rc=$?"; mv t f; echo "rc=$?"; ln f h; echo "rc=$?"
chmod 600 f; echo "rc=$?"; chown 1 f; echo "rc=$?"; chgrp 1 f; echo "rc=$?"
touch f; echo "rc=$?"; touch -d 2020-01-01 f; echo "rc=$?"
truncate -s 0 f; echo "rc=$?"; fallocate -n -l 8192 f; echo "rc=$?"
mv d/x f; echo "rc=$?"; cat f; stat -c '%s %h %a' f
chattr -i f; echo x >> f; cat f
chattr +i d
touch d/new; echo "rc=$?"; mkdir d/nd; echo "rc=$?"; ln -s x d/s; echo "rc=$?"; mkfifo d/p; echo "rc=$?"
rm d/x; echo "rc=$?"; mv d/x d/y; echo "rc=$?"; mv t d/t; echo "rc=$?"
echo w > d/x; echo "rc=$?"; cat d/x
chattr +i e; rmdir e; echo "rc=$?"; mv e e2; echo "rc=$?"
chattr -i e d; chattr +i d/x; rm -r d; echo "rc=$?"; ls d
chattr -R -i /w; cd /; umount /w
