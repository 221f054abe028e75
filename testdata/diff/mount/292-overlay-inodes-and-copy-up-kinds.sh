# What a copy-up keeps: the inode number stat and readdir show (the
# lower object's, for files and directories, while the overlay's root
# shows the upper's), the times, a symbolic link's target and owner
# change, a FIFO; a descriptor opened before the copy-up reads the new
# data; statfs is the upper layer's; mount lists the overlay; an overlay
# can be a lower layer of another; a file put straight into the upper
# layer shows through.
cd /tmp
mkdir -p l/d u w m
echo a > l/a; echo b > l/b; ln -s a l/sl; mkfifo l/p
touch -d '2001-02-03 04:05:06' l/a l/b
mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w m || exit 1
i1=$(stat -c %i m/a); chmod 600 m/a; i2=$(stat -c %i m/a)
[ "$i1" = "$i2" ] && echo "st_ino kept by the copy-up"
[ "$i2" = "$(stat -c %i l/a)" ] && echo "st_ino is the lower file's"
[ "$(ls -i m | awk '$2=="a"{print $1}')" = "$i2" ] && echo "d_ino = st_ino"
chmod 700 m/d
[ "$(stat -c %i m/d)" = "$(stat -c %i l/d)" ] && echo "directory keeps the lower number"
[ "$(ls -i m | awk '$2=="d"{print $1}')" = "$(stat -c %i m/d)" ] && echo "directory d_ino = st_ino"
[ "$(stat -c %i m)" = "$(stat -c %i u)" ] && echo "root has the upper's number"
stat -c '%n %y' m/a u/a m/b
chown -h 5:5 m/sl; stat -c '%n %F %u %N' u/sl m/sl
chmod 600 m/p; stat -c '%n %F %a' u/p
exec 3< m/b; echo bb > m/b; cat <&3; exec 3<&-
df -P m u | awk 'NR>1{print $2, $3, $4}' | uniq | wc -l
mount | grep ' /tmp/m '
mkdir m2; mount -t overlay o2 -o lowerdir=m:l m2; echo "rc=$?"; ls m2; umount m2
touch u/direct; ls m
cp -a /tmp/l m/copy; ls -A m/copy
ln -s x m/newlink; readlink m/newlink u/newlink
mknod m/c c 1 3; stat -c '%F %t:%T' u/c
umount m
