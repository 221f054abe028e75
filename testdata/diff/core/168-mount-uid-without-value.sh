# mount(8) refuses a filesystem option uid or gid without a value itself
# (libmount's fix_optstr), before it looks at the source or sets up a
# loop device, and shows the options as given; useruid and usergid
# become the caller's IDs; an unknown name goes to the kernel as it is.
mkdir /m
for o in uid= uid gid= 'gid=,mode=700' 'ro,uid' 'uid=,uid=3' 'mode=700,gid' 'uid=0,gid'; do
	mount -t tmpfs -o "$o" x /m; echo "$o: $?"
done
mount -o loop,uid= /nonexist /m; echo "loop, no file: $?"
mount -o uid= /m; echo "target only: $?"
mount -t tmpfs -o uid=useruid,gid=usergid,mode=711 x /m; echo "useruid: $?"
grep ' /m ' /proc/self/mountinfo | cut -d' ' -f5-; umount /m
mount -t tmpfs -o uid=3,gid=4 x /m && stat -c '%u %g' /m; umount /m
mount -t tmpfs -o uid=no-such-user-here x /m; echo "unknown name: $?"
grep -c ' /m ' /proc/self/mountinfo
