# A pressure trigger written to io/memory/cpu.pressure is read as
# sscanf's "some %u %u" (or "full"): the word exactly at the start,
# numbers after optional blanks, each wrapped to 32 bits, and anything
# after the second ignored; the window is at most 10s, the threshold 1us
# up to the window (EINVAL otherwise). Without CAP_SYS_RESOURCE in the
# opener's credentials the window must be a whole number of 2s (root on
# the test host lacks it, so root's windows here are all such; a user
# shows the rule). An open file takes one trigger (EBUSY after it).
mkdir -p /mnt/cg
mount -t cgroup2 none /mnt/cg
c=/mnt/cg/lvfs-310
rmdir $c 2>/dev/null
mkdir $c
for v in 'some 100000 2000000' 'full 100 2000000' 'some 500000 2000000 extra' 'some 5abc 2000000' \
	'some 0x10 2000000' 'some  100000\t2000000' 'some 4294967396 2000000' ' some 100000 2000000' \
	'some100000 2000000' 'some 100000 10000000' 'some 100000 12000000' 'some 0 2000000' \
	'some 2000001 2000000' 'some 100000 2000000x' 'Some 1 2000000' 'some +5 2000000' 'some 100000' \
	'some 1000 0x10' 'some 1 4296967296' 'half 1 2000000' ''; do
	builtin printf -- "$v" > $c/cpu.pressure; echo "[$v] $?"
done
exec 3> $c/memory.pressure
builtin printf 'some 100000 2000000' >&3; echo "first $?"
builtin printf 'some 100000 2000000' >&3; echo "second $?"
exec 3>&-
chown 1000 $c/io.pressure
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c '
printf "some 100000 1000000" > $1/io.pressure; echo "user 1s $?"
printf "some 100000 4000000" > $1/io.pressure; echo "user 4s $?"' sh $c 2>&1 | sed 's/^[^:]*: [0-9]*: //'
rmdir $c; echo "rmdir $?"
umount /mnt/cg
