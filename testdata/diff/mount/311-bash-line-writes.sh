# bash's builtins write their output a line at a time (its standard
# output is line-buffered), dash's all at once: two numbers printed into
# a cgroup file that takes one per write set it twice in bash, and are
# one invalid value for dash.
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-311
rmdir $c 2>/dev/null
mkdir $c
bash -c 'printf "5\n6\n" > $1/cgroup.max.depth; echo "bash $?"; cat $1/cgroup.max.depth' sh $c
sh -c 'printf "7\n8\n" > $1/cgroup.max.depth; echo "dash $?"; cat $1/cgroup.max.depth' sh $c 2>&1
bash -c 'echo -e "3\n4" > $1/cgroup.max.depth; cat $1/cgroup.max.depth' sh $c
rmdir $c
umount /mnt/cg
