# The numbers of the core's interface files are read by kstrtoint after
# white space around them is stripped (the no-break space 0xa0 counts):
# C's prefixes 0x and 0 work, Go's 0b, 0o and _ do not (EINVAL), a '+'
# is taken, one past 32 bits is ERANGE, as is a number outside the
# file's range (cgroup.freeze and cgroup.pressure take 0 or 1).
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-309
rmdir $c 2>/dev/null
mkdir $c
for v in '0x10\n' ' 010 \n' '+7\n' '\xa09\xa0\n' '0b11\n' '0o7\n' '1_0\n' '0x\n' '08\n' \
	'4294967296\n' '2147483647\n' '2147483648\n' '-0\n' '-1\n' '\t12\n' '5 5\n'; do
	builtin printf -- "$v" > $c/cgroup.max.depth; echo "max.depth [$v] $? $(cat $c/cgroup.max.depth)"
done
for v in '0x1\n' '2\n' ' 0 \n' '01\n' '-1\n'; do
	builtin printf -- "$v" > $c/cgroup.freeze; echo "freeze [$v] $? $(cat $c/cgroup.freeze)"
done
echo 0 > $c/cgroup.freeze
for v in '0x0\n' '2\n' '1\xa0\n'; do
	builtin printf -- "$v" > $c/cgroup.pressure; echo "pressure [$v] $? $(cat $c/cgroup.pressure)"
done
echo 1 > $c/cgroup.pressure
for v in '0x0\n' '00\n' '+0\n' '0b0\n'; do
	builtin printf -- "$v" > $c/cgroup.procs; echo "procs [$v] $?"
done
echo $$ > /mnt/cg/cgroup.procs
rmdir $c; echo "rmdir $?"
umount /mnt/cg
