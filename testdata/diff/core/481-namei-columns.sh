# namei(1)'s columns: -m (ls's mode string, setuid, sticky, devices,
# fifos), -o (owner and group names or numbers, their widths growing
# over the operands, error lines blank under them), -v (columns first,
# then the indentation), -l (all three) and -n (links not followed).
mkdir -p /tmp/n/a/b /tmp/n/own/d1; cd /tmp/n
ln -s b a/lb; ln -s a/lb/../lb l2; ln -s missing dangling; touch file su own/d1/f
chmod 4751 su; mkdir sg; chmod 3770 sg; mkfifo fifo; mknod blk b 7 0; chmod 640 blk
chown daemon:www-data own; chown 12345:54321 own/d1; chown -h 1:4321 dangling; ln -s own/d1/f lown
namei -m su sg fifo blk /dev/null a/lb l2 | grep -v " /$"; namei -m nothere dangling file/x
namei -o file own/d1/f file lown; namei -o nothere dangling/x own/d1/f/x
namei -v a/lb l2 file/x; namei -mv l2 nothere; namei -ov l2 nothere; namei -mo l2 nothere
namei -l l2 lown dangling own/d1/f/x; echo rc=$?
namei -n a/lb/b l2 dangling/x; echo rc=$?; namei -ln l2; namei -lnvmo l2; namei --long --nolinks --modes l2
