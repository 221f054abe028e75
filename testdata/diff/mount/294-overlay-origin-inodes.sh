# Inode numbers an overlay keeps for copied-up objects wherever they
# are: a lower file moved into a new directory (stat and that
# directory's readdir show the lower number), a file in a merged
# directory, and both again after a remount, from what the upper layer
# recorded.
cd /tmp
mkdir -p l/d u w m; echo f > l/f; echo g > l/d/g
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
mkdir m/n; mv m/f m/n/; chmod 600 m/d/g
[ "$(stat -c %i m/n/f)" = "$(stat -c %i l/f)" ] && echo "moved file keeps the lower number"
[ "$(ls -i m/n | awk '{print $1}')" = "$(stat -c %i m/n/f)" ] && echo "d_ino = st_ino in an impure dir"
[ "$(ls -i m/d | awk '{print $1}')" = "$(stat -c %i l/d/g)" ] && echo "d_ino in merged dir"
umount m
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
[ "$(stat -c %i m/n/f)" = "$(stat -c %i l/f)" ] && echo "after remount too"
[ "$(stat -c %i m/d)" = "$(stat -c %i l/d)" ] && echo "dir after remount"
umount m
